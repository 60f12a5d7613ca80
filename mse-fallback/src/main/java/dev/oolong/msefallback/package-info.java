/**
 * The fMP4 remuxer and the MediaSource adapters (MSE path). Empty until the MSE issue.
 *
 * <p>This module is linked into the wasm engine by {@code wasm-player/engine} and, like the
 * core, never imports {@code org.teavm.jso} outside its browser adapter package.
 */
package dev.oolong.msefallback;
