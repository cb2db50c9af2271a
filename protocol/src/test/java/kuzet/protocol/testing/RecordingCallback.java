package kuzet.protocol.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho client callback that records every message, for tests that subscribe. Use it through
 * {@code client.setCallback(...)}: Paho 1.2.5's {@code MqttClient.subscribe(String, int, listener)} recurses
 * forever, and per-subscription listeners never fire for {@code $share/...} filters.
 */
public final class RecordingCallback implements MqttCallback {
  /** One received message. */
  public record Received(String topic, byte[] payload, boolean retained, int qos) {
    public String text() {
      return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();

  public List<Received> received() {
    return received;
  }

  public List<Received> on(String topic) {
    return received.stream().filter(r -> r.topic.equals(topic)).toList();
  }

  public List<Received> matching(Predicate<Received> p) {
    return received.stream().filter(p).toList();
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    received.add(new Received(topic, message.getPayload(), message.isRetained(), message.getQos()));
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) { }

  @Override
  public void mqttErrorOccurred(MqttException exception) { }

  @Override
  public void deliveryComplete(IMqttToken token) { }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) { }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) { }
}
