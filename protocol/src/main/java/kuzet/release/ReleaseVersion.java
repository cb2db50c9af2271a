package kuzet.release;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An agent release's version: dot-separated numbers with an optional {@code -qualifier} ({@code 1.4.0},
 * {@code 1.4.0-rc1}). Numbers compare numerically; a qualified version comes before the plain one it qualifies.
 */
public record ReleaseVersion(@com.fasterxml.jackson.annotation.JsonValue String value) implements Comparable<ReleaseVersion> {
  private static final Pattern FORM = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,3}(-[A-Za-z0-9.]{1,32})?");

  public ReleaseVersion {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("version '" + (value == null ? "" : value.length() > 40 ? value.substring(0, 40) + "..." : value)
          + "' is not valid: numbers separated by dots, optionally -qualifier, e.g. 1.4.0 or 1.4.0-rc1");
    }
  }

  @com.fasterxml.jackson.annotation.JsonCreator
  public static ReleaseVersion of(String value) {
    return new ReleaseVersion(value);
  }

  /** Whether {@code value} is a release version at all (a development build reports "dev"). */
  public static boolean valid(String value) {
    return value != null && FORM.matcher(value).matches();
  }

  @Override
  public int compareTo(ReleaseVersion o) {
    int c = Arrays.compare(numbers(), o.numbers());
    if (c != 0) {
      return c;
    }
    String q1 = qualifier();
    String q2 = o.qualifier();
    if (q1 == null || q2 == null) {
      return q1 == null ? (q2 == null ? 0 : 1) : -1;
    }
    return q1.compareTo(q2);
  }

  public boolean olderThan(ReleaseVersion o) {
    return compareTo(o) < 0;
  }

  private long[] numbers() {
    String main = value.contains("-") ? value.substring(0, value.indexOf('-')) : value;
    long[] n = new long[4];
    String[] parts = main.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      n[i] = Long.parseLong(parts[i]);
    }
    return n;
  }

  private String qualifier() {
    return value.contains("-") ? value.substring(value.indexOf('-') + 1) : null;
  }

  @Override
  public String toString() {
    return value;
  }
}
