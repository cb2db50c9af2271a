package kuzet.artemis;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTConnection;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.core.remoting.CertificateUtil;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnection;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each MQTT CONNECT before Artemis authenticates it and, above all, before Artemis's link stealing closes the
 * connection already holding that client id: a check in a session hook would come too late, the hub or post would
 * already be off. The identity checked is the one the login that follows will verify: the client certificate's CN
 * (the post id, on the certificate acceptor) or else the CONNECT's user name. A refused CONNECT gets a CONNACK with
 * "client identifier not valid" and its connection is closed.
 */
final class ConnectCheck implements MQTTInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectCheck.class);
  private static final byte MQTT_5 = 5;

  private final ClientIdRule rule;

  ConnectCheck(ClientIdRule rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  @Override
  public boolean intercept(MqttMessage packet, RemotingConnection connection) {
    if (!(packet instanceof MqttConnectMessage connect)) {
      return true;
    }
    Optional<String> refusal = rule.refusal(identity(connect, connection), connect.payload().clientIdentifier());
    if (refusal.isEmpty()) {
      return true;
    }
    LOG.warn("Kuzet: refused MQTT connection from {}: {}", connection.getRemoteAddress(), refusal.get());
    refuse(connect, connection);
    return false;
  }

  /** Who the login will say this is: the certificate's CN when there is one, else the user name. */
  static String identity(MqttConnectMessage connect, RemotingConnection connection) {
    X509Certificate[] certificates = CertificateUtil.getCertsFromConnection(connection);
    if (certificates != null && certificates.length > 0) {
      return commonName(certificates[0]);
    }
    return connect.payload().userName();
  }

  private static String commonName(X509Certificate certificate) {
    try {
      return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
          .filter(r -> r.getType().equalsIgnoreCase("CN")).map(Rdn::getValue).map(String::valueOf)
          .reduce((first, last) -> last).orElse(null);
    } catch (InvalidNameException e) {
      return null;
    }
  }

  /** CONNACK 0x85 (MQTT 5) or 0x02 (3.1.1) ahead of Artemis closing the connection, so the client sees why. */
  private static void refuse(MqttConnectMessage connect, RemotingConnection connection) {
    if (!(connection instanceof MQTTConnection mqtt)
        || !(mqtt.getTransportConnection() instanceof NettyConnection netty)) {
      return;
    }
    boolean v5 = connect.variableHeader().version() == MQTT_5;
    MqttConnectReturnCode code = v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
        : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
    MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0);
    netty.getChannel().writeAndFlush(new MqttConnAckMessage(header, new MqttConnAckVariableHeader(code, false)));
  }
}
