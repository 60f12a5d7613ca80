/**
 * The MSE path: {@link dev.oolong.msefallback.Fmp4Remuxer} turns any extractor's samples into
 * fragmented MP4 (init and media segments) for a SourceBuffer; the MediaSource adapters follow.
 *
 * <p>This module is linked into the wasm engine by {@code wasm-player/engine} and, like the
 * core, never imports {@code org.teavm.jso} outside its browser adapter package.
 */
package dev.oolong.msefallback;
