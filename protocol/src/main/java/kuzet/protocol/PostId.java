package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The identity of one police post, as it appears in topics, payloads, the registry and certificates.
 * Lower-case letters, digits and hyphens, 3 to 64 characters, starting and ending with a letter or digit,
 * so that it is safe in an MQTT topic level, a file name, a certificate CN and a Mosquitto ACL pattern.
 */
public record PostId(String value) implements Comparable<PostId> {
  private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}[a-z0-9]");

  public PostId {
    if (value == null) {
      throw new IllegalArgumentException("postId is missing");
    }
    if (!GRAMMAR.matcher(value).matches()) {
      throw new IllegalArgumentException("postId '" + abbreviate(value)
          + "' is not valid: use 3 to 64 lower-case letters, digits and hyphens, not starting or ending with a hyphen");
    }
  }

  @JsonCreator
  public static PostId of(String value) {
    return new PostId(value);
  }

  public static boolean isValid(String value) {
    return value != null && GRAMMAR.matcher(value).matches();
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(PostId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
