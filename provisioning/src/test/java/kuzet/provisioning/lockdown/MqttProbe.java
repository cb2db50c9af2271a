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

  private final MqttClient client;
  final List<Received> received = new CopyOnWriteArrayList<>();

  private MqttProbe(MqttClient client) {
    this.client = client;
  }

  static MqttProbe connect(String url, String clientId, String user, String password, SSLSocketFactory tls)
      throws MqttException {
    MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
    MqttProbe probe = new MqttProbe(c);
    c.setCallback(probe.callback());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
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

  /** Publishes at QoS 1; a refused publish (PUBACK 0x87, or a disconnect) is swallowed the same way. */
  void publish(String topic, String payload) {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  void publish(String topic, byte[] payload) {
    try {
      MqttMessage m = new MqttMessage(payload);
      m.setQos(1);
      client.publish(topic, m);
    } catch (MqttException refused) {
      // see subscribe
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
