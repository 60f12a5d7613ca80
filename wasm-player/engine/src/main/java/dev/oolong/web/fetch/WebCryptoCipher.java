package dev.oolong.web.fetch;

import dev.oolong.upstream.Cipher;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** {@link Cipher} over WebCrypto ({@code crypto.subtle}) in the worker. */
public final class WebCryptoCipher implements Cipher {

  @Override
  public void decryptAes128Cbc(byte[] key, byte[] iv, byte[] data, Consumer<byte[]> done, Consumer<String> failed) {
    decrypt(Int8Array.copyFromJavaArray(key), Int8Array.copyFromJavaArray(iv), Int8Array.copyFromJavaArray(data),
        plain -> done.accept(plain.copyToJavaArray()), failed::accept);
  }

  /** Receives the plain bytes. */
  @JSFunctor
  interface BytesCallback extends JSObject {
    void bytes(Int8Array bytes);
  }

  /** Receives an error's message. */
  @JSFunctor
  interface FailCallback extends JSObject {
    void failed(String reason);
  }

  @JSBody(params = {"key", "iv", "data", "done", "failed"}, script = ""
      + "var subtle = self.crypto && self.crypto.subtle;"
      + "if (!subtle) { failed('WebCrypto is not available here (crypto.subtle needs a secure context)'); return; }"
      + "subtle.importKey('raw', key, {name: 'AES-CBC'}, false, ['decrypt'])"
      + ".then(function (k) { return subtle.decrypt({name: 'AES-CBC', iv: iv}, k, data); })"
      + ".then(function (b) { done(new Int8Array(b)); },"
      + " function (e) { failed(String(e && (e.name + ': ' + e.message) || e)); });")
  private static native void decrypt(Int8Array key, Int8Array iv, Int8Array data, BytesCallback done,
      FailCallback failed);
}
