package kuzet.provisioning.lockdown;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A real MQTT 5 client that records what it receives and shrugs off refusals (tests judge by deliveries). */
final class MqttProbe implements AutoCloseable {
  record Received(String topic, String payload) {}

  private static final int NOT_AUTHORIZED = 0x87;
  private MqttClient client;
  private final MqttConnectionOptions options;
  final List<Received> received = new CopyOnWriteArrayList<>();

  private MqttProbe(MqttClient client, MqttConnectionOptions options) {
    this.client = client;
    this.options = options;
  }

  static MqttProbe connect(String url, String clientId, String user, String password, SSLSocketFactory tls)
      throws MqttException {
    return connect(url, clientId, user, password, tls, 60L);
  }

  /** {@code sessionExpiryS} 0 for subscribers whose leftover session must not keep a share of the traffic. */
  static MqttProbe connect(String url, String clientId, String user, String password, SSLSocketFactory tls,
      long sessionExpiryS) throws MqttException {
    MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    MqttProbe probe = new MqttProbe(c, o);
    c.setCallback(probe.callback());
    c.setTimeToWait(5000);
    o.setCleanStart(true);
    // the session (and its subscriptions) outlives a disconnect, so a probe the broker threw out can come back
    o.setSessionExpiryInterval(sessionExpiryS);
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout(5);
    if (user != null) {
      o.setUserName(user);
    }
    if (password != null) {
      o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    if (tls != null) {
      o.setSocketFactory(tls);
    }
    try {
      c.connect(o);
    } catch (MqttException e) {
      closeQuietly(c);
      throw e;
    }
    return probe;
  }

  boolean isConnected() {
    return client.isConnected();
  }

  /** Subscribes; a refused subscription (SUBACK 0x87) is not an error here, only what arrives counts. */
  void subscribe(String filter) {
    try {
      client.subscribe(filter, 1);
    } catch (MqttException refused) {
      // refusal is a valid outcome; deliveries are what the tests assert
    }
  }

  void publish(String topic, String payload) {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Publishes at QoS 1 until the broker has seen the message: accepted, or refused with reason 0x87 (PUBACK from
   * Mosquitto; the embedded HiveMQ follows its PUBACK with DISCONNECT 0x87, so the probe reconnects, keeping its
   * session and subscriptions). A refusal is not an error here: tests judge by deliveries.
   */
  void publish(String topic, byte[] payload) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        if (!client.isConnected() && !reconnect()) {
          return;
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() == NOT_AUTHORIZED || String.valueOf(e.getMessage()).contains("'" + topic + "'")) {
          return;
        }
      }
    }
  }

  /** False when the broker refuses the connection (a revoked post). */
  private boolean reconnect() throws MqttException {
    MqttCallback callback = callback();
    closeQuietly(client);
    client = new MqttClient(client.getServerURI(), client.getClientId(), new MemoryPersistence());
    client.setCallback(callback);
    client.setTimeToWait(5000);
    options.setCleanStart(false);
    try {
      client.connect(options);
      return true;
    } catch (MqttException refused) {
      return false;
    }
  }

  long count(String topic, String payload) {
    return received.stream().filter(r -> r.topic().equals(topic) && r.payload().equals(payload)).count();
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static void closeQuietly(MqttClient c) {
    try {
      if (c.isConnected()) {
        c.disconnect(2000);
      }
    } catch (MqttException e) {
      // already gone
    }
    try {
      c.close(true);
    } catch (MqttException e) {
      // already closed
    }
  }

  private MqttCallback callback() {
    return new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverURI) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    };
  }
}
