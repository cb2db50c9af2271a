package kuzet.brokeraccount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import kuzet.protocol.PostId;

/**
 * The hub's own MQTT account: it reads every post topic and writes commands, config and the hub presence.
 * Only the password's hash is kept; the clear password lives in the hub's config (environment) alone.
 *
 * <p>The username must not be a valid {@link PostId}, so no post can ever be registered under it; the default
 * {@code _hub} uses the underscore that the post id grammar forbids.
 */
public record HubAccount(String username, String passwordHash) {
  public static final String DEFAULT_USERNAME = "_hub";

  public HubAccount {
    Objects.requireNonNull(username, "username");
    if (username.isEmpty() || username.contains(":") || username.contains("+") || username.contains("#")
        || username.contains("/") || username.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("hub username '" + username
          + "' is not valid: no ':', '/', '+', '#' or whitespace");
    }
    if (PostId.isValid(username)) {
      throw new IllegalArgumentException("hub username '" + username
          + "' could also be a post id; use a name with an underscore, such as " + DEFAULT_USERNAME);
    }
    if (!MosquittoPasswordHash.isWellFormed(passwordHash)) {
      throw new IllegalArgumentException("hub password hash is not a Mosquitto $7$ hash");
    }
  }

  /** Reads the account file written by {@code kuzet-provision fleet init}: one line {@code username:$7$...}. */
  public static HubAccount read(Path file) {
    String line;
    try {
      line = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the hub account file " + file + ": " + e.getMessage(), e);
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("hub account file " + file + " must hold one line 'username:$7$hash'");
    }
    try {
      return new HubAccount(line.substring(0, colon), line.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hub account file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The account as a Mosquitto password_file line. */
  public String passwordFileLine() {
    return username + ":" + passwordHash;
  }

  public boolean accepts(String password) {
    return MosquittoPasswordHash.verify(password, passwordHash);
  }
}
