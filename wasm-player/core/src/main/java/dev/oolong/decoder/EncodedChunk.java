package dev.oolong.decoder;

/**
 * One encoded sample as a decoder takes it: its bytes (as the container stores them: Annex B
 * from MPEG-TS, length-prefixed from MP4, FLV and Matroska), times in µs, and whether decoding
 * can start at it.
 */
public record EncodedChunk(byte[] data, long ptsUs, long dtsUs, boolean key) {}
