package kuzet.artemis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTConnection;
import org.apache.activemq.artemis.core.remoting.server.RemotingService;
import org.apache.activemq.artemis.core.settings.HierarchicalRepositoryChangeListener;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the MQTT connections of accounts that are no longer in the users files when broker.xml is reloaded (its
 * security settings change). Artemis refuses a revoked post's next login by itself but leaves its open connection,
 * with its subscriptions, as it was: a re-export followed by {@code touch broker.xml} ends that too.
 */
final class AccountWatch implements HierarchicalRepositoryChangeListener {
  private static final Logger LOG = LoggerFactory.getLogger(AccountWatch.class);

  private final RemotingService remoting;
  private final ClientIdRule rule;
  private final List<Path> usersFiles;

  AccountWatch(RemotingService remoting, ClientIdRule rule, List<Path> usersFiles) {
    this.remoting = Objects.requireNonNull(remoting, "remoting");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.usersFiles = List.copyOf(usersFiles);
  }

  @Override
  public void onChange() {
    Set<String> accounts;
    try {
      accounts = accounts();
    } catch (IOException e) {
      LOG.error("Kuzet: cannot read the users files {}, no connection closed: {}", usersFiles, e.getMessage());
      return;
    }
    for (RemotingConnection c : remoting.getConnections()) {
      String user = validatedUser(c.getSubject());
      if (c instanceof MQTTConnection && user != null && !rule.unboundUsers().contains(user)
          && !accounts.contains(user)) {
        LOG.warn("Kuzet: closing the MQTT connection of '{}' from {}: no longer in the users files", user,
            c.getRemoteAddress());
        remoting.removeConnection(c.getID());
        c.fail(new ActiveMQSecurityException("Kuzet: account '" + user + "' was removed"));
      }
    }
  }

  private Set<String> accounts() throws IOException {
    Set<String> users = new HashSet<>();
    for (Path file : usersFiles) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      users.addAll(p.stringPropertyNames());
    }
    return users;
  }

  /** The user name the login put in the connection's subject, or null. */
  static String validatedUser(Subject subject) {
    if (subject == null) {
      return null;
    }
    Set<UserPrincipal> users = subject.getPrincipals(UserPrincipal.class);
    return users.size() == 1 ? users.iterator().next().getName() : null;
  }
}
