package kuzet.hub.testing;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho callback that only cares about arriving messages. */
@FunctionalInterface
public interface OnMessage extends MqttCallback {
  void arrived(String topic, MqttMessage message) throws Exception;

  @Override
  default void messageArrived(String topic, MqttMessage message) throws Exception {
    arrived(topic, message);
  }

  @Override
  default void disconnected(MqttDisconnectResponse r) {}

  @Override
  default void mqttErrorOccurred(MqttException e) {}

  @Override
  default void deliveryComplete(IMqttToken t) {}

  @Override
  default void connectComplete(boolean reconnect, String uri) {}

  @Override
  default void authPacketArrived(int code, MqttProperties p) {}
}
