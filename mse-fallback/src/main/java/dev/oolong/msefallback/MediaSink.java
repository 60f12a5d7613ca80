package dev.oolong.msefallback;

/**
 * What a {@link MseSession} needs of a MediaSource and its one SourceBuffer: the browser adapter
 * implements it over MSE in the worker; tests implement it in memory. Methods that can fail in
 * the browser return the error's text (e.g. {@code "QuotaExceededError: ..."}), or null.
 */
public interface MediaSink {
  /** Whether the MediaSource is open (attached to the element, {@code sourceopen} fired). */
  boolean isOpen();

  /** Whether the browser can play this MIME type ({@code MediaSource.isTypeSupported}). */
  boolean isTypeSupported(String mimeType);

  /** Creates the SourceBuffer; the error or null. */
  String createBuffer(String mimeType);

  /** Whether the SourceBuffer is busy with an operation ({@code updating}). */
  boolean isUpdating();

  /**
   * Sets the MediaSource's {@code duration} (seconds); only while not updating, before media is
   * appended (so it is never below what is buffered).
   */
  void setDuration(double seconds);

  /** Sets {@code timestampOffset} (seconds); only while not updating. */
  void setTimestampOffset(double seconds);

  /** Starts {@code appendBuffer}; the error or null. Completion is reported by the adapter. */
  String append(byte[] segment);

  /** Starts {@code remove(start, end)} (seconds); the error or null. Completion as for appends. */
  String remove(double startSeconds, double endSeconds);

  /** Abandons the append in progress ({@code abort()}), for a seek. */
  void abort();

  /** {@code endOfStream()}; the error or null. */
  String endOfStream();
}
