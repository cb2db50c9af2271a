package kuzet.agent.link;

import java.time.Duration;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kuzet.agent.config.AgentConfig;
import kuzet.protocol.Birth;
import kuzet.protocol.Channel;
import kuzet.protocol.Death;
import kuzet.protocol.ProtocolCodec;
import kuzet.retry.Backoff;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post's MQTT 5 connection: a persistent session (clean start false, expiry above zero), the retained Death as Will,
 * a retained Birth on every connect, and its own reconnect loop with jittered exponential backoff. Durability is the
 * outbox's job, so Paho keeps only in-memory state, and each connection after a lost one gets a fresh Paho client:
 * Paho 1.2.5 resends its in-flight QoS 1 publishes on reconnect with the topic alias of the lost connection, which the
 * broker refuses by disconnecting, again and again (seen with the embedded HiveMQ). The outbox resends them instead.
 */
public final class MqttLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
  private final AgentConfig.Mqtt cfg;
  private final Identity id;
  private final ProtocolCodec codec;
  private final String hardwareProfile;
  private final BiConsumer<String, byte[]> onMessage;
  private final Consumer<Boolean> onConnection;
  private final java.util.function.Supplier<java.util.List<String>> faults;
  private final Backoff backoff;
  private volatile MqttAsyncClient client;
  /** The current client has had a connection, so it carries that connection's in-flight state. */
  private boolean usedClient;
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
  private final Object lock = new Object();
  private volatile boolean running;
  private volatile boolean hubReachable;
  private volatile boolean updateTrial;
  private Thread loop;

  /** faults: the names of the post's faulty parts, read for every Birth. */
  public MqttLink(AgentConfig.Mqtt cfg, Identity id, ProtocolCodec codec, String hardwareProfile, long seed,
                  BiConsumer<String, byte[]> onMessage, Consumer<Boolean> onConnection,
                  java.util.function.Supplier<java.util.List<String>> faults) {
    this.faults = faults;
    this.cfg = cfg;
    this.id = id;
    this.codec = codec;
    this.hardwareProfile = hardwareProfile;
    this.onMessage = onMessage;
    this.onConnection = onConnection;
    this.backoff = new Backoff(cfg.reconnectMin(), cfg.reconnectMax(), new Random(seed));
    this.client = newClient();
  }

  private MqttAsyncClient newClient() {
    try {
      MqttAsyncClient c = new MqttAsyncClient(cfg.urls().get(0), id.postId().value(), new MemoryPersistence());
      c.setCallback(new Callback(c));
      return c;
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create MQTT client for " + cfg.url() + ": " + e.getMessage(), e);
    }
  }

  /** Grows with every connection; a publish made on an earlier one will never be acknowledged on this one. */
  public long generation() {
    return generation.get();
  }

  public void start() {
    running = true;
    loop = new Thread(this::connectLoop, "mqtt-link-" + id.postId());
    loop.setDaemon(true);
    loop.start();
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  public IMqttToken publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(qos);
    m.setRetained(retained);
    return client.publish(topic, m);
  }

  /** Re-announces the post with the hub's reachability as the agent currently sees it. */
  /** Publishes a new Birth now (when connected), e.g. after the post applied a new CONFIG. */
  public void rebirth() {
    if (isConnected()) {
      publishBirth();
    }
  }

  public void hubReachable(boolean reachable) {
    boolean changed = hubReachable != reachable;
    hubReachable = reachable;
    if (changed && isConnected()) {
      publishBirth();
    }
  }

  /** Whether this release is on trial (kuzet.agent.update.Trial); a change is announced in a new Birth. */
  public void updateTrial(boolean onTrial) {
    boolean changed = updateTrial != onTrial;
    updateTrial = onTrial;
    if (changed && isConnected()) {
      publishBirth();
    }
  }

  private void connectLoop() {
    while (running) {
      if (!client.isConnected()) {
        try {
          if (usedClient) {
            replaceClient();
          }
          client.connect(options()).waitForCompletion(Math.max(5_000, cfg.keepAliveS() * 1000L));
          usedClient = true;
          generation.incrementAndGet();
          backoff.reset();
          onConnected();
        } catch (MqttException | RuntimeException e) {
          Duration d = backoff.next();
          LOG.info("{}: broker {} unreachable ({}{}); retrying in {} ms", id.postId(), cfg.url(), e.getMessage(),
              e.getCause() == null ? "" : ": " + e.getCause(), d.toMillis());
          sleep(d.toMillis());
          continue;
        }
      }
      synchronized (lock) {
        try {
          lock.wait(1_000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void replaceClient() {
    MqttAsyncClient old = client;
    client = newClient();
    usedClient = false;
    // Paho waits up to a second for its executor when closing: not on the way to the next connection
    Thread closer = new Thread(() -> {
      try {
        old.close(true);
      } catch (MqttException e) {
        LOG.debug("{}: closing the lost connection's client: {}", id.postId(), e.getMessage());
      }
    }, "mqtt-close-" + id.postId());
    closer.setDaemon(true);
    closer.start();
  }

  private void onConnected() throws MqttException {
    String commands = codec.topics().topic(id.postId(), Channel.COMMANDS);
    String config = codec.topics().topic(id.postId(), Channel.CONFIG);
    client.subscribe(new String[] {commands, config, codec.topics().hubPresence()}, new int[] {1, 1, 1})
        .waitForCompletion(10_000);
    publishBirth();
    LOG.info("{}: connected to {}", id.postId(), client.getCurrentServerURI());
    onConnection.accept(true);
  }

  private void publishBirth() {
    Birth birth = Birth.builder().postId(id.postId()).ts(id.now()).bootId(id.bootId()).seq(id.lastSeq())
        .agentVersion(AgentVersion.VALUE).hardwareProfile(hardwareProfile).hubReachable(hubReachable)
        .faults(faults.get()).configVersion(id.configVersion()).updateTrial(updateTrial ? Boolean.TRUE : null).build();
    try {
      publish(codec.topicFor(birth), codec.encode(birth), 1, true);
    } catch (MqttException e) {
      LOG.warn("{}: birth not sent: {}", id.postId(), e.getMessage());
    }
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(cfg.sessionExpiryS());
    o.setKeepAliveInterval(cfg.keepAliveS());
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout(10);
    // every node of a clustered broker, in order: a node that is down is passed over on the same attempt
    o.setServerURIs(cfg.urls().toArray(new String[0]));
    // the broker must not push anything larger onto a Pi's small heap; no valid Kuzet message is larger
    o.setMaximumPacketSize((long) ProtocolCodec.MAX_PACKET_BYTES);
    Death will = new Death(id.postId(), id.now(), id.bootId(), id.lastSeq(), Death.Reason.WILL);
    MqttMessage w = new MqttMessage(codec.encode(will));
    w.setQos(1);
    w.setRetained(true);
    o.setWill(codec.topicFor(will), w);
    if (cfg.username() != null) {
      o.setUserName(cfg.username());
      if (cfg.password() != null) {
        o.setPassword(cfg.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    if (cfg.url().startsWith("ssl://")) {
      o.setSocketFactory(PemTls.socketFactory(cfg.caFile(), cfg.certFile(), cfg.keyFile()));
      // Paho's default, stated: any server certificate from the fleet CA is not enough, it must name this host
      o.setHttpsHostnameVerificationEnabled(true);
    }
    return o;
  }

  private void sleep(long ms) {
    synchronized (lock) {
      try {
        lock.wait(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  /** Publishes the graceful Death and disconnects. */
  @Override
  public void close() {
    running = false;
    synchronized (lock) {
      lock.notifyAll();
    }
    try {
      if (client.isConnected()) {
        Death death = new Death(id.postId(), id.now(), id.bootId(), id.lastSeq(), Death.Reason.SHUTDOWN);
        publish(codec.topicFor(death), codec.encode(death), 1, true).waitForCompletion(3_000);
        client.disconnect().waitForCompletion(3_000);
      }
    } catch (MqttException e) {
      LOG.warn("{}: clean shutdown incomplete: {}", id.postId(), e.getMessage());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("close: {}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    private final MqttAsyncClient owner;

    Callback(MqttAsyncClient owner) {
      this.owner = owner;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (owner != client) {
        return; // a replaced client's last word
      }
      LOG.info("{}: disconnected: {}", id.postId(), response.getReasonString());
      onConnection.accept(false);
      synchronized (lock) {
        lock.notifyAll();
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("{}: MQTT error: {}", id.postId(), exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (owner != client) {
        return;
      }
      try {
        onMessage.accept(topic, message.getPayload());
      } catch (RuntimeException e) {
        // a bad message must never take the link down
        LOG.error("{}: message on {} not handled: {}", id.postId(), topic, e.toString());
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // completion is awaited by the outbox pump on the token itself
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // subscriptions and birth are done by the connect loop, which knows when connect() returned
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // no enhanced authentication
    }
  }
}
