package kuzet.artemis;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.persistence.OperationContext;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTConnection;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.protocol.SessionCallback;

/**
 * Ties each MQTT client id to the account that logged in ({@link ClientIdRule}), registered in broker.xml's
 * {@code <broker-plugins>}. Artemis offers no hook between its login and its link stealing, so the plugin does two
 * things: on registration it adds {@link ConnectCheck} to the broker's incoming interceptors, which refuses a CONNECT
 * before anything else happens to it; and before each MQTT session is created it checks the client id against the
 * user the login actually validated, should the two ever disagree. With {@value #USERS_FILES} it also closes the
 * connections of accounts removed from those files ({@link AccountWatch}).
 */
public final class ClientIdPlugin implements ActiveMQServerPlugin {
  /**
   * Optional property: the users files (comma-separated, relative to the instance's etc/) whose accounts may keep their
   * connections; with it, a broker.xml reload closes the MQTT connections of anyone no longer in them.
   */
  public static final String USERS_FILES = "users-files";

  private ClientIdRule rule;
  private List<Path> usersFiles = List.of();

  @Override
  public void init(Map<String, String> properties) {
    rule = ClientIdRule.fromProperties(properties);
    String files = properties.get(USERS_FILES);
    if (files != null) {
      Path etc = Path.of(System.getProperty("artemis.instance.etc", "."));
      usersFiles = Arrays.stream(files.split(",")).map(String::trim).filter(f -> !f.isEmpty()).map(etc::resolve)
          .toList();
    }
  }

  @Override
  public void registered(ActiveMQServer server) {
    if (rule == null) {
      throw new IllegalStateException("the Kuzet client-id plugin was registered without its properties");
    }
    server.getRemotingService().addIncomingInterceptor(new ConnectCheck(rule));
    if (!usersFiles.isEmpty()) {
      server.getSecurityRepository().registerListener(new AccountWatch(server.getRemotingService(), rule, usersFiles));
    }
  }

  @Override
  public void beforeCreateSession(String name, String username, int minLargeMessageSize,
      RemotingConnection connection, boolean autoCommitSends, boolean autoCommitAcks, boolean preAcknowledge,
      boolean xa, String defaultAddress, SessionCallback callback, boolean autoCreateQueues, OperationContext context,
      Map<SimpleString, RoutingType> prefixes) throws ActiveMQException {
    if (!(connection instanceof MQTTConnection)) {
      return;
    }
    Optional<String> refusal = rule.refusal(AccountWatch.validatedUser(connection.getSubject()),
        connection.getClientID());
    if (refusal.isPresent()) {
      throw new ActiveMQSecurityException("Kuzet: " + refusal.get());
    }
  }
}
