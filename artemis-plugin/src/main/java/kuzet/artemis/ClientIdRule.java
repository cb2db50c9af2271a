package kuzet.artemis;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which MQTT client id an account may use: its own name, as Mosquitto's {@code use_username_as_clientid} makes it
 * and the embedded broker requires of posts. Only the accounts in {@code unboundUsers} (the hub's, whose several
 * clients need several ids, none of which is ever a valid post id) may choose theirs. So a post's credentials cannot
 * present the hub's or another post's client id and take over that session.
 */
public record ClientIdRule(Set<String> unboundUsers) {
  /** The plugin property: the accounts that may use any client id, comma-separated. */
  public static final String UNBOUND_USERS = "unbound-users";

  public ClientIdRule {
    unboundUsers = Set.copyOf(Objects.requireNonNull(unboundUsers, "unboundUsers"));
    if (unboundUsers.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(UNBOUND_USERS + " has an empty user name: " + unboundUsers);
    }
  }

  /** From the {@code <property>} elements of the plugin's entry in broker.xml. */
  public static ClientIdRule fromProperties(Map<String, String> properties) {
    String users = properties.get(UNBOUND_USERS);
    if (users == null) {
      throw new IllegalArgumentException("the Kuzet client-id plugin needs the property " + UNBOUND_USERS
          + " (the hub's account, as broker export writes it)");
    }
    return new ClientIdRule(Arrays.stream(users.split(",")).map(String::trim).filter(u -> !u.isEmpty())
        .collect(Collectors.toSet()));
  }

  /** Why {@code user} may not connect as {@code clientId}; empty when it may. */
  public Optional<String> refusal(String user, String clientId) {
    if (user == null || user.isEmpty()) {
      return Optional.of("neither a user name nor a client certificate");
    }
    if (unboundUsers.contains(user) || user.equals(clientId)) {
      return Optional.empty();
    }
    return Optional.of("user '" + printable(user) + "' may connect only with client id '" + printable(user)
        + "', not '" + printable(clientId) + "'");
  }

  /** Names come from the network: no control characters (forged log lines) in the broker's log. */
  private static String printable(String s) {
    return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
  }
}
