package kuzet.agent;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import kuzet.protocol.Command;
import kuzet.protocol.CommandAck;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.Message;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Plays the hub in tests: records everything posts publish and sends commands. */
public final class Recorder implements AutoCloseable {
  final ProtocolCodec codec = new ProtocolCodec(Topics.defaults(), Clock.systemUTC());
  public final List<Message> messages = new CopyOnWriteArrayList<>();
  final List<String> undecodable = new CopyOnWriteArrayList<>();
  private final MqttClient client;

  public Recorder(String url, String clientId, boolean persistent) throws MqttException {
    client = new MqttClient(url, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse r) { }

      @Override
      public void mqttErrorOccurred(MqttException e) { }

      @Override
      public void messageArrived(String topic, MqttMessage m) {
        try {
          messages.add(codec.decode(topic, m.getPayload()));
        } catch (Exception e) {
          undecodable.add(topic + ": " + e.getMessage());
        }
      }

      @Override
      public void deliveryComplete(IMqttToken t) { }

      @Override
      public void connectComplete(boolean reconnect, String uri) { }

      @Override
      public void authPacketArrived(int code, MqttProperties p) { }
    });
    connect(persistent);
  }

  void connect(boolean persistent) throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(!persistent);
    o.setSessionExpiryInterval(persistent ? 3600L : 0L);
    client.connect(o);
    if (!persistent || client.isConnected()) {
      client.subscribe(new String[] {"posts/+/events", "posts/+/status", "posts/+/commands/ack", "posts/+/telemetry"},
          new int[] {1, 1, 1, 1});
    }
  }

  void disconnect() throws MqttException {
    client.disconnect();
  }

  Stream<Event> events(EventKind kind) {
    return messages.stream().filter(m -> m instanceof Event e && e.kind() == kind).map(Event.class::cast);
  }

  Stream<CommandAck> acks(UUID commandId) {
    return messages.stream().filter(m -> m instanceof CommandAck a && a.commandId().equals(commandId)).map(CommandAck.class::cast);
  }

  UUID command(PostId post, CommandName name, UUID incident, java.util.Map<String, String> args) throws MqttException {
    UUID id = UUID.randomUUID();
    send(new Command(post, java.time.Instant.now(), "hub-test", 1, id, name, incident, args));
    return id;
  }

  void send(Command c) throws MqttException {
    raw(codec.topicFor(c), codec.encode(c));
  }

  void raw(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 1, false);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
