package dev.oolong.upstream;

import dev.oolong.C;

/**
 * What to load: a URI and a byte range. {@code length} is {@link C#LENGTH_UNSET} for "to the
 * end".
 */
public record DataSpec(String uri, long position, long length) {
  public DataSpec {
    if (uri == null || uri.isEmpty()) {
      throw new IllegalArgumentException("uri is empty");
    }
    if (position < 0) {
      throw new IllegalArgumentException("position < 0: " + position);
    }
    if (length != C.LENGTH_UNSET && length <= 0) {
      throw new IllegalArgumentException("length must be positive or LENGTH_UNSET: " + length);
    }
  }

  public static DataSpec whole(String uri) {
    return new DataSpec(uri, 0, C.LENGTH_UNSET);
  }

  /** The HTTP {@code Range} header value for this spec, or null when the whole resource is asked for. */
  public String rangeHeader() {
    if (position == 0 && length == C.LENGTH_UNSET) {
      return null;
    }
    return "bytes=" + position + "-" + (length == C.LENGTH_UNSET ? "" : position + length - 1);
  }
}
