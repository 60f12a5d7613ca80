/**
 * The DRM session manager behind a MediaKeysPort (EME bridge). Empty until the DRM issue.
 *
 * <p>This module is linked into the wasm engine by {@code wasm-player/engine} and, like the
 * core, never imports {@code org.teavm.jso} outside its browser adapter package.
 */
package dev.oolong.eme;
