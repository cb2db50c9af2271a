package kuzet.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks shared by every message's compact constructor, so no message can exist with a bad envelope. */
final class Envelope {
  private static final Pattern BOOT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final int MAX_ATTRIBUTES = 32;

  private Envelope() {}

  static void check(PostId postId, Instant ts, String bootId, long seq) {
    required(postId, "postId");
    check(ts, bootId, seq);
  }

  static void check(Instant ts, String bootId, long seq) {
    required(ts, "ts");
    required(bootId, "bootId");
    if (!BOOT_ID.matcher(bootId).matches()) {
      throw new IllegalArgumentException("bootId '" + PostId.abbreviate(bootId)
          + "' is not valid: 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (seq < 0) {
      throw new IllegalArgumentException("seq " + seq + " is out of range: must be 0 or more");
    }
  }

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new MissingFieldException(field);
    }
    return value;
  }

  static String text(String value, String field, int maxLength) {
    required(value, field);
    if (value.isBlank() || value.length() > maxLength) {
      throw new IllegalArgumentException(field + " must be 1 to " + maxLength + " characters, not blank");
    }
    return value;
  }

  static Map<String, String> attributes(Map<String, String> attributes, String field) {
    if (attributes == null) {
      return Map.of();
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException(field + " has " + attributes.size() + " entries, at most " + MAX_ATTRIBUTES + " allowed");
    }
    for (var e : attributes.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 64) {
        throw new IllegalArgumentException(field + " keys must be 1 to 64 characters");
      }
      if (e.getValue() == null || e.getValue().length() > 1024) {
        throw new IllegalArgumentException(field + "." + e.getKey() + " must be a string of at most 1024 characters");
      }
    }
    return Map.copyOf(attributes);
  }

  /** A post's named faults: at most 32 part names of 1 to 64 characters; null stays null (not reported). */
  static java.util.List<String> faults(java.util.List<String> faults) {
    if (faults == null) {
      return null;
    }
    if (faults.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException("faults has " + faults.size() + " entries, at most " + MAX_ATTRIBUTES + " allowed");
    }
    for (String f : faults) {
      if (f == null || f.isEmpty() || f.length() > 64) {
        throw new IllegalArgumentException("faults entries must be part names of 1 to 64 characters");
      }
    }
    return java.util.List.copyOf(faults);
  }

  /** Counts by name: at most 32, names of 1 to 64 characters, counts 0 or more; null stays null. */
  static Map<String, Long> counts(Map<String, Long> counts, String field) {
    if (counts == null) {
      return null;
    }
    if (counts.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException(field + " has " + counts.size() + " entries, at most " + MAX_ATTRIBUTES + " allowed");
    }
    for (var e : counts.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 64) {
        throw new IllegalArgumentException(field + " keys must be 1 to 64 characters");
      }
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException(field + "." + e.getKey() + " must be a count of 0 or more");
      }
    }
    return Map.copyOf(counts);
  }

  /** The CONFIG version a post reports running: 0 (none yet) or more; null when the post does not say. */
  static void configVersion(Long version) {
    if (version != null && version < 0) {
      throw new IllegalArgumentException("configVersion " + version + " is out of range: must be 0 or more");
    }
  }

  static Double range(Double value, String field, double min, double max) {
    if (value != null && (value.isNaN() || value < min || value > max)) {
      throw new IllegalArgumentException(field + " " + value + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  static Integer range(Integer value, String field, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new IllegalArgumentException(field + " " + value + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  /** Raised when a required field is absent, so the codec can tell "missing" from "out of range". */
  static final class MissingFieldException extends IllegalArgumentException {
    final String field;

    MissingFieldException(String field) {
      super("missing field '" + field + "'");
      this.field = field;
    }
  }
}
