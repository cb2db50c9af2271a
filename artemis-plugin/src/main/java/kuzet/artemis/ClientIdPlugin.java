package kuzet.artemis;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
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
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Ties each MQTT client id to the account that logged in ({@link ClientIdRule}), registered in broker.xml's
 * {@code <broker-plugins>}. Artemis offers no hook between its login and its link stealing, so the plugin does two
 * things: on registration it adds {@link ConnectCheck} to the broker's incoming interceptors, which refuses a CONNECT
 * before anything else happens to it; and before each MQTT session is created it checks the client id against the
 * user the login actually validated, should the two ever disagree.
 */
public final class ClientIdPlugin implements ActiveMQServerPlugin {
  private ClientIdRule rule;

  @Override
  public void init(Map<String, String> properties) {
    rule = ClientIdRule.fromProperties(properties);
  }

  @Override
  public void registered(ActiveMQServer server) {
    if (rule == null) {
      throw new IllegalStateException("the Kuzet client-id plugin was registered without its properties");
    }
    server.getRemotingService().addIncomingInterceptor(new ConnectCheck(rule));
  }

  @Override
  public void beforeCreateSession(String name, String username, int minLargeMessageSize,
      RemotingConnection connection, boolean autoCommitSends, boolean autoCommitAcks, boolean preAcknowledge,
      boolean xa, String defaultAddress, SessionCallback callback, boolean autoCreateQueues, OperationContext context,
      Map<SimpleString, RoutingType> prefixes) throws ActiveMQException {
    if (!(connection instanceof MQTTConnection)) {
      return;
    }
    Optional<String> refusal = rule.refusal(validatedUser(connection.getSubject()), connection.getClientID());
    if (refusal.isPresent()) {
      throw new ActiveMQSecurityException("Kuzet: " + refusal.get());
    }
  }

  private static String validatedUser(Subject subject) {
    if (subject == null) {
      return null;
    }
    Set<UserPrincipal> users = subject.getPrincipals(UserPrincipal.class);
    return users.size() == 1 ? users.iterator().next().getName() : null;
  }
}
