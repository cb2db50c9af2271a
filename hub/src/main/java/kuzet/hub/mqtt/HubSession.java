package kuzet.hub.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import kuzet.hub.config.HubConfig;
import kuzet.protocol.Channel;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** How each of the hub's MQTT connections is opened, and what the main one subscribes to. */
final class HubSession {
  private HubSession() {
  }

  /** A persistent session that reconnects by itself, with the broker's credentials and socket. */
  static MqttConnectionOptions options(HubConfig.Broker broker, HubConfig.Mqtt mqtt, SSLSocketFactory socketFactory) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    // every node of a clustered broker, in order: a node that is down is passed over on the same attempt
    o.setServerURIs(broker.urls().toArray(new String[0]));
    o.setCleanStart(false);
    o.setSessionExpiryInterval(mqtt.sessionExpiryS());
    o.setKeepAliveInterval(mqtt.keepAliveS());
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 30);
    o.setConnectionTimeout(10);
    // tells the broker not to send us anything larger; what is larger is no valid Kuzet message anyway
    o.setMaximumPacketSize((long) ProtocolCodec.MAX_PACKET_BYTES);
    if (!broker.username().isEmpty()) {
      o.setUserName(broker.username());
      o.setPassword(broker.password().getBytes(StandardCharsets.UTF_8));
    }
    o.setSocketFactory(socketFactory != null ? socketFactory : new NoDelaySocketFactory());
    return o;
  }

  /**
   * The main connection's subscriptions. Status is not shared: every hub needs the whole fleet's presence,
   * and a broker sends retained messages (the births and deaths of posts) only to ordinary subscriptions.
   * With telemetry readers this connection carries no telemetry, so that a PANIC never waits in the
   * broker's queue behind a telemetry backlog.
   */
  static MqttSubscription[] mainSubscriptions(HubConfig.Mqtt mqtt, boolean withTelemetry) {
    Topics t = mqtt.topics();
    List<MqttSubscription> list = new ArrayList<>(List.of(
        new MqttSubscription(t.fleetFilter(Channel.STATUS), 1),
        new MqttSubscription(mqtt.subscription(t.fleetFilter(Channel.EVENTS)), 1),
        new MqttSubscription(mqtt.subscription(t.fleetFilter(Channel.COMMAND_ACKS)), 1)));
    if (withTelemetry) {
      list.add(new MqttSubscription(mqtt.subscription(t.fleetFilter(Channel.TELEMETRY)), 1));
    }
    return list.toArray(new MqttSubscription[0]);
  }

  /**
   * A stored retained message on anything but a status topic. Posts only retain their presence; Mosquitto's ACLs
   * cannot forbid retaining elsewhere, so the hub refuses to replay an old event or reading as new at every start.
   */
  static boolean unexpectedRetained(String topic, MqttMessage message) {
    return message.isRetained() && !topic.endsWith("/" + Channel.STATUS.suffix());
  }
}
