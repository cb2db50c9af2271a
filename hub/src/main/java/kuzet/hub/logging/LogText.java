package kuzet.hub.logging;

/**
 * Makes a string that came from outside (a username, a client id, a request path) safe to put in a log line
 * or an audit entry: control characters (CR and LF above all, which would let a caller forge whole log lines)
 * become {@code \\uXXXX}, and overlong values are cut, so one request cannot fill the log.
 */
public final class LogText {
  /** Longest value kept; usernames and client ids are far shorter. */
  public static final int MAX_LENGTH = 120;

  private LogText() {}

  public static String clean(String raw) {
    if (raw == null) {
      return "null";
    }
    int end = Math.min(raw.length(), MAX_LENGTH);
    StringBuilder b = new StringBuilder(end + 8);
    for (int i = 0; i < end; i++) {
      char c = raw.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (raw.length() > MAX_LENGTH) {
      b.append("...(").append(raw.length()).append(" chars)");
    }
    return b.toString();
  }
}
