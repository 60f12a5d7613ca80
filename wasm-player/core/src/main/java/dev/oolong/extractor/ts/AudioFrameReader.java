package dev.oolong.extractor.ts;

import dev.oolong.extractor.audio.AudioFrames;

import dev.oolong.PlayerException;
import dev.oolong.extractor.TrackOutput;

/**
 * Framed audio in PES (ADTS AAC, MPEG audio): one sample per frame. The first frame that starts
 * in a PES packet takes its PTS; the following ones are spaced by their duration in 90 kHz ticks
 * (as ffmpeg's parsers do). Bytes that are not a frame are skipped until a frame header is found.
 */
final class AudioFrameReader implements EsReader {
  private final TsTrack track;
  private final AudioFrames frames;
  private final ByteAccumulator buffer = new ByteAccumulator(1 << 20);
  private long streamOffset; // stream byte offset of buffer.data[0]
  private long pendingPts = -1;
  private long pendingPtsOffset;
  private long nextPts = -1;

  AudioFrameReader(TsTrack track, AudioFrames frames) {
    this.track = track;
    this.frames = frames;
  }

  @Override
  public void packetStarted(long pts, long dts) {
    if (pts >= 0) {
      pendingPts = pts;
      pendingPtsOffset = streamOffset + buffer.size;
    }
  }

  @Override
  public void consume(byte[] data, int offset, int length) throws PlayerException {
    buffer.append(data, offset, length);
    drain();
  }

  @Override
  public void packetFinished() {
    drain();
  }

  @Override
  public void discontinuity() {
    streamOffset += buffer.size;
    buffer.clear();
  }

  @Override
  public void endOfStream() {
    drain(); // a cut-off last frame stays unemitted
  }

  private void drain() {
    int p = 0;
    byte[] d = buffer.data;
    while (buffer.size - p >= frames.headerSize()) {
      AudioFrames.Frame f = frames.parse(d, p);
      if (f == null) {
        p++;
        continue;
      }
      if (buffer.size - p < f.length()) {
        break;
      }
      emit(f, d, p);
      p += f.length();
    }
    streamOffset += p;
    buffer.discard(p);
  }

  private void emit(AudioFrames.Frame f, byte[] d, int p) {
    if (!track.formatSent) {
      track.format(f.format());
    }
    long start = streamOffset + p;
    long pts;
    if (pendingPts >= 0 && start >= pendingPtsOffset) {
      pts = pendingPts;
      pendingPts = -1;
    } else {
      pts = nextPts;
    }
    if (pts >= 0 && f.sampleRate() > 0) {
      nextPts = pts + Math.round(f.samples() * 90_000.0 / f.sampleRate());
    }
    track.output.sampleData(d, p, f.length());
    track.sample(pts, pts, TrackOutput.FLAG_KEY_FRAME, f.length());
  }
}
