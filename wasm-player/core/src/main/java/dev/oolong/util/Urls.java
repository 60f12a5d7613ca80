package dev.oolong.util;

/**
 * Reference resolution (RFC 3986 section 5.2) for the URLs a manifest names relative to itself.
 * Written here because the engine runs where {@code java.net.URI} is not available (TeaVM's class
 * library); tested against {@code java.net.URI} on the JVM.
 */
public final class Urls {
  private Urls() {}

  /** The parts of a URI reference; null where a component is absent. */
  private record Parts(String scheme, String authority, String path, String query, String fragment) {
    static Parts of(String s) {
      String scheme = null;
      int colon = s.indexOf(':');
      int firstDelimiter = firstOf(s, "/?#");
      if (colon > 0 && (firstDelimiter < 0 || colon < firstDelimiter) && isScheme(s, colon)) {
        scheme = s.substring(0, colon);
        s = s.substring(colon + 1);
      }
      String fragment = null;
      int hash = s.indexOf('#');
      if (hash >= 0) {
        fragment = s.substring(hash + 1);
        s = s.substring(0, hash);
      }
      String query = null;
      int q = s.indexOf('?');
      if (q >= 0) {
        query = s.substring(q + 1);
        s = s.substring(0, q);
      }
      String authority = null;
      if (s.startsWith("//")) {
        int end = s.indexOf('/', 2);
        authority = end < 0 ? s.substring(2) : s.substring(2, end);
        s = end < 0 ? "" : s.substring(end);
      }
      return new Parts(scheme, authority, s, query, fragment);
    }

    private static boolean isScheme(String s, int end) {
      if (!Character.isLetter(s.charAt(0))) {
        return false;
      }
      for (int i = 1; i < end; i++) {
        char c = s.charAt(i);
        if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
          return false;
        }
      }
      return true;
    }

    private static int firstOf(String s, String chars) {
      for (int i = 0; i < s.length(); i++) {
        if (chars.indexOf(s.charAt(i)) >= 0) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      if (scheme != null) {
        b.append(scheme).append(':');
      }
      if (authority != null) {
        b.append("//").append(authority);
      }
      b.append(path);
      if (query != null) {
        b.append('?').append(query);
      }
      if (fragment != null) {
        b.append('#').append(fragment);
      }
      return b.toString();
    }
  }

  /** {@code reference} resolved against the absolute URL {@code base}. */
  public static String resolve(String base, String reference) {
    Parts r = Parts.of(reference);
    Parts b = Parts.of(base);
    if (r.scheme() != null) {
      return new Parts(r.scheme(), r.authority(), removeDotSegments(r.path()), r.query(), r.fragment()).toString();
    }
    if (r.authority() != null) {
      return new Parts(b.scheme(), r.authority(), removeDotSegments(r.path()), r.query(), r.fragment()).toString();
    }
    if (r.path().isEmpty()) {
      return new Parts(b.scheme(), b.authority(), b.path(), r.query() != null ? r.query() : b.query(),
          r.fragment()).toString();
    }
    String path;
    if (r.path().startsWith("/")) {
      path = removeDotSegments(r.path());
    } else if (b.authority() != null && b.path().isEmpty()) {
      path = removeDotSegments("/" + r.path());
    } else {
      int slash = b.path().lastIndexOf('/');
      path = removeDotSegments(b.path().substring(0, slash + 1) + r.path());
    }
    return new Parts(b.scheme(), b.authority(), path, r.query(), r.fragment()).toString();
  }

  /** RFC 3986 section 5.2.4. */
  static String removeDotSegments(String path) {
    StringBuilder out = new StringBuilder();
    String in = path;
    while (!in.isEmpty()) {
      if (in.startsWith("../")) {
        in = in.substring(3);
      } else if (in.startsWith("./")) {
        in = in.substring(2);
      } else if (in.startsWith("/./")) {
        in = in.substring(2);
      } else if (in.equals("/.")) {
        in = "/";
      } else if (in.startsWith("/../") || in.equals("/..")) {
        in = in.length() == 3 ? "/" : in.substring(3);
        int last = out.lastIndexOf("/");
        out.setLength(Math.max(0, last));
      } else if (in.equals(".") || in.equals("..")) {
        in = "";
      } else {
        int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
        String segment = next < 0 ? in : in.substring(0, next);
        out.append(segment);
        in = next < 0 ? "" : in.substring(next);
      }
    }
    return out.toString();
  }
}
