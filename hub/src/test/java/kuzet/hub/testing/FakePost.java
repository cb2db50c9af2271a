package kuzet.hub.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import kuzet.protocol.Birth;
import kuzet.protocol.Channel;
import kuzet.protocol.Command;
import kuzet.protocol.CommandAck;
import kuzet.protocol.Death;
import kuzet.protocol.Event;
import kuzet.protocol.HubStatus;
import kuzet.protocol.EventKind;
import kuzet.protocol.Message;
import kuzet.protocol.PostId;
import kuzet.protocol.PostMessage;
import kuzet.protocol.ProtocolCodec;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A post on the wire, as a real agent talks: retained Birth on connect, Death as its Will, QoS 1 events,
 * and it records (and optionally acknowledges) the commands it receives.
 */
public final class FakePost implements AutoCloseable {
  public static final ProtocolCodec CODEC = ProtocolCodec.defaults();

  public final PostId id;
  public final String bootId;
  public final List<Command> commands = new CopyOnWriteArrayList<>();
  /** Every hub presence the post has seen, in order. */
  public final List<HubStatus> hubPresence = new CopyOnWriteArrayList<>();
  private final AtomicLong seq = new AtomicLong();
  private final MqttClient client;
  public volatile boolean autoAck = true;
  public volatile String failWith;
  /** The detail of failed acks, e.g. the EXPIRED reason. */
  public volatile Map<String, String> failDetail = Map.of();

  public FakePost(String url, String postId, String bootId, int keepAliveS) throws MqttException {
    this(url, postId, bootId, keepAliveS, "post-" + postId + "-" + bootId, null);
  }

  /** A provisioned post on a locked-down broker: its id as client id and username, and its MQTT password. */
  public static FakePost withPassword(String url, String postId, String password) throws MqttException {
    return new FakePost(url, postId, "boot-1", 30, postId, password);
  }

  private FakePost(String url, String postId, String bootId, int keepAliveS, String clientId, String password)
      throws MqttException {
    this.id = new PostId(postId);
    this.bootId = bootId;
    // several comma-separated addresses are a cluster's nodes: the post moves to the next when one dies
    String[] urls = url.split(",");
    client = new MqttClient(urls[0], clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    if (urls.length > 1) {
      o.setServerURIs(urls);
      o.setAutomaticReconnect(true);
      o.setAutomaticReconnectDelay(1, 2);
    }
    o.setKeepAliveInterval(keepAliveS);
    if (password != null) {
      o.setUserName(postId);
      o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    MqttMessage will = new MqttMessage(CODEC.encode(death(Death.Reason.WILL)), 1, true, null);
    o.setWill(CODEC.topics().topic(id, Channel.STATUS), will);
    client.setCallback(new OnMessage() {
      @Override
      public void arrived(String topic, MqttMessage m) throws Exception {
        received(topic, m);
      }

      @Override
      public void connectComplete(boolean reconnect, String uri) {
        if (reconnect) {
          new Thread(FakePost.this::announce).start();
        }
      }
    });
    client.connect(o);
    announce();
  }

  /** Subscribes (a clean session on a node has none) and publishes the birth, as after every connect. */
  private void announce() {
    try {
      client.subscribe(new String[] {CODEC.topics().topic(id, Channel.COMMANDS), CODEC.topics().hubPresence()},
          new int[] {1, 1});
    } catch (MqttException e) {
      throw new AssertionError("subscribe failed: " + e, e);
    }
    publish(birth(), true);
  }

  private void received(String topic, MqttMessage m) throws kuzet.protocol.DecodeException {
    Message decoded = CODEC.decode(topic, m.getPayload());
    if (decoded instanceof HubStatus h) {
      boolean wasOnline = hubOnline();
      hubPresence.add(h);
      if (hubOnline() != wasOnline) {
        // as the agent does: the birth says whether this post can see the hub
        new Thread(() -> publish(birth(), true)).start();
      }
    }
    if (decoded instanceof Command c) {
      commands.add(c);
      if (autoAck) {
        new Thread(() -> ack(c)).start();
      }
    }
  }

  /** Whether the newest hub presence this post has seen says ONLINE. */
  public boolean hubOnline() {
    return !hubPresence.isEmpty() && hubPresence.get(hubPresence.size() - 1).state() == HubStatus.State.ONLINE;
  }

  /** As docs/protocol.md says, a birth spends no sequence number: it carries the last one spent. */
  private Birth birth() {
    return Birth.builder().postId(id).ts(Instant.now()).bootId(bootId).seq(Math.max(0, seq.get() - 1))
        .agentVersion("0.1.0").hardwareProfile("test").hubReachable(hubOnline()).build();
  }

  public Death death(Death.Reason reason) {
    return new Death(id, Instant.now(), bootId, 0, reason);
  }

  public Event panic(UUID incidentId) {
    return new Event(id, Instant.now(), bootId, seq.getAndIncrement(), UUID.randomUUID(), EventKind.PANIC, incidentId, Map.of());
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  public long nextSeq() {
    return seq.getAndIncrement();
  }

  public void publish(PostMessage m, boolean retained) {
    try {
      publishQos1(client, m, retained);
    } catch (MqttException e) {
      throw new AssertionError("publish failed: " + e, e);
    }
  }

  /**
   * Publishes at QoS 1 and waits for the PUBACK. Paho wakes the waiting thread on the PUBACK but frees the in-flight
   * slot a moment later on its callback thread, so on a loaded machine a fast loop can find the broker's receive
   * window (10 on HiveMQ) full of already acknowledged publishes: that refusal is retried, any other is thrown.
   */
  public static void publishQos1(MqttClient c, PostMessage m, boolean retained) throws MqttException {
    for (int attempt = 0; ; attempt++) {
      try {
        c.publish(CODEC.topicFor(m), CODEC.encode(m), 1, retained);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT
            || attempt >= 200) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
      }
    }
  }

  private void ack(Command c) {
    String err = failWith;
    publish(new CommandAck(id, Instant.now(), bootId, seq.getAndIncrement(), c.commandId(), err == null, err,
        err == null ? Map.of() : failDetail), false);
  }

  /** Drops the TCP connection without a DISCONNECT, as a power cut would: the broker publishes the Will. */
  public void kill() throws MqttException {
    client.disconnectForcibly(0, 1, false);
    client.close(true);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close(true);
    } catch (MqttException e) {
      // closing in a test's cleanup
    }
  }
}
