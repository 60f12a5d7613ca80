package dev.oolong.msefallback;

/**
 * What a {@link MseSession} needs of a MediaSource and its SourceBuffers: the browser adapter
 * implements it over MSE in the worker or on the page; tests implement it in memory. The
 * SourceBuffers are numbered from 0 in the order they are created (one per byte stream: the
 * fragmented MP4 or WebM stream, and an {@code audio/mpeg} stream for MP3, which Chromium does
 * not take inside MP4). Methods that can fail in the browser return the error's text (e.g.
 * {@code "QuotaExceededError: ..."}), or null.
 */
public interface MediaSink {
  /** SourceBuffers a session makes at most: video, audio, and MP3 as {@code audio/mpeg}. */
  int MAX_BUFFERS = 3;

  /** Whether the MediaSource is open (attached to the element, {@code sourceopen} fired). */
  boolean isOpen();

  /** Whether the browser can play this MIME type ({@code MediaSource.isTypeSupported}). */
  boolean isTypeSupported(String mimeType);

  /**
   * Creates SourceBuffer number {@code buffer} (0, then 1: all of them before the first
   * append, as Chromium refuses a new SourceBuffer once media is in); the error or null.
   */
  String createBuffer(int buffer, String mimeType);

  /** Whether the SourceBuffer is busy with an operation ({@code updating}). */
  boolean isUpdating(int buffer);

  /**
   * Sets the MediaSource's {@code duration} (seconds); only while no SourceBuffer is updating,
   * before media is appended (so it is never below what is buffered).
   */
  void setDuration(double seconds);

  /** Sets {@code timestampOffset} (seconds); only while that SourceBuffer is not updating. */
  void setTimestampOffset(int buffer, double seconds);

  /** Starts {@code appendBuffer}; the error or null. Completion is reported by the adapter. */
  String append(int buffer, byte[] segment);

  /** Starts {@code remove(start, end)} (seconds); the error or null. Completion as for appends. */
  String remove(int buffer, double startSeconds, double endSeconds);

  /** Abandons the append in progress ({@code abort()}), for a seek. */
  void abort(int buffer);

  /** {@code endOfStream()}; the error or null. */
  String endOfStream();
}
