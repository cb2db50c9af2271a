package kuzet.protocol;

import java.util.Map;
import java.util.Set;

/** What the hub can ask a post to do, and the arguments each command takes. */
public enum CommandName {
  /** args: target = floodlights | interior; mode = on | off | auto; optional durationS (1..86400) for on/off. */
  LIGHTS,
  /** args: mode = on | off. */
  BEACON,
  /** args: mode = on | off. */
  SIREN,
  /** The hub has the PANIC (sent automatically). Needs incidentId. */
  PANIC_RECEIVED,
  /** An operator acknowledged the PANIC. Needs incidentId. */
  PANIC_ACK,
  /** A unit is on its way. Needs incidentId. */
  PANIC_DISPATCHED,
  /** The incident is closed; the post returns to normal. Needs incidentId. */
  PANIC_CLEAR,
  /** Cycle every output, check lamp feedback, read every sensor, report SELF_TEST_RESULT. */
  SELF_TEST,
  /** Re-read the agent's configuration file. */
  CONFIG_RELOAD,
  /**
   * Install a signed agent release (docs/protocol.md, "Agent updates"). args: url (https), version, size (bytes),
   * sha256 (of the bundle), token (for the download); optional allowDowngrade = true | false.
   */
  UPDATE;

  private static final Set<String> LIGHT_TARGETS = Set.of("floodlights", "interior");
  private static final Set<String> LIGHT_MODES = Set.of("on", "off", "auto");
  private static final Set<String> ON_OFF = Set.of("on", "off");

  public boolean isPanicState() {
    return name().startsWith("PANIC_");
  }

  void validate(Map<String, String> args) {
    switch (this) {
      case LIGHTS -> {
        oneOf(args, "target", LIGHT_TARGETS);
        String mode = oneOf(args, "mode", LIGHT_MODES);
        String duration = args.get("durationS");
        if (duration != null) {
          if (mode.equals("auto")) {
            throw new IllegalArgumentException("args.durationS is not allowed with mode auto");
          }
          long d;
          try {
            d = Long.parseLong(duration);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("args.durationS '" + duration + "' is not a whole number of seconds");
          }
          if (d < 1 || d > 86_400) {
            throw new IllegalArgumentException("args.durationS " + d + " is out of range [1, 86400]");
          }
        }
      }
      case BEACON, SIREN -> oneOf(args, "mode", ON_OFF);
      case UPDATE -> update(args);
      default -> { }
    }
  }

  private static void update(Map<String, String> args) {
    String url = present(args, "url");
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw new IllegalArgumentException("args.url '" + PostId.abbreviate(url) + "' is not an http(s) URL");
    }
    String version = present(args, "version");
    if (!kuzet.release.ReleaseVersion.valid(version)) {
      throw new IllegalArgumentException("args.version '" + PostId.abbreviate(version) + "' is not a release version");
    }
    String size = present(args, "size");
    if (!size.matches("[1-9][0-9]{0,11}")) {
      throw new IllegalArgumentException("args.size '" + PostId.abbreviate(size) + "' is not a positive number of bytes");
    }
    if (!present(args, "sha256").matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("args.sha256 is not 64 lower-case hex digits");
    }
    if (!present(args, "token").matches("[A-Za-z0-9_-]{16,128}")) {
      throw new IllegalArgumentException("args.token is not 16 to 128 URL-safe characters");
    }
    if (args.containsKey("allowDowngrade")) {
      oneOf(args, "allowDowngrade", Set.of("true", "false"));
    }
  }

  private static String present(Map<String, String> args, String key) {
    String value = args.get(key);
    if (value == null) {
      throw new Envelope.MissingFieldException("args." + key);
    }
    return value;
  }

  private static String oneOf(Map<String, String> args, String key, Set<String> allowed) {
    String value = args.get(key);
    if (value == null) {
      throw new Envelope.MissingFieldException("args." + key);
    }
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException("args." + key + " '" + value + "' is not one of " + allowed.stream().sorted().toList());
    }
    return value;
  }
}
