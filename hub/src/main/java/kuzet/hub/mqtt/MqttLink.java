package kuzet.hub.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import kuzet.hub.broker.TelemetryIntake;
import kuzet.hub.config.HubConfig;
import kuzet.protocol.Channel;
import kuzet.protocol.DecodeException;
import kuzet.protocol.HubStatus;
import kuzet.protocol.Message;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import kuzet.retry.Backoff;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one MQTT connection: a persistent session (clean start off, session expiry above zero) so
 * nothing published while the hub is away is lost, shared subscriptions so several hubs can split the
 * fleet, and the hub's presence (retained ONLINE, Will OFFLINE). Paho's callback thread only hands each
 * message to the hub's event loop; it never waits on anything. Telemetry goes through a bounded
 * {@link TelemetryLane}, so that events overtake a telemetry backlog. Telemetry that shares this connection with
 * events is dropped and counted when the lane is full, because waiting here would hold back PANICs; telemetry on
 * its own connections ({@link TelemetryReader}) or from inside the embedded broker waits for room instead, so the
 * broker keeps it while the hub warms up. The TLS {@code socketFactory} is built by
 * the caller (reading key files is not for the event loop) and is null for plain TCP.
 */
public final class MqttLink implements MqttCallback {
  private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
  // a hub started before its broker: the first retry within 2 s, then less and less often (Paho reconnects later losses)
  private static final Duration RETRY_MIN = Duration.ofSeconds(2);
  private static final Duration RETRY_MAX = Duration.ofSeconds(15);
  private static final String TELEMETRY_SUFFIX = "/" + Channel.TELEMETRY.suffix();
  private static final String EVENTS_SUFFIX = "/" + Channel.EVENTS.suffix();

  private final HubConfig.Broker broker;
  private final HubConfig.Mqtt mqtt;
  private final HubIdentity identity;
  private final ProtocolCodec codec;
  private final Clock clock;
  private final Context context;
  private final BiFunction<String, byte[], Future<Void>> inbound;
  private final AtomicInteger connection = new AtomicInteger();
  private final Consumer<Boolean> connectionListener;
  private final MqttAsyncClient client;
  private final AtomicBoolean connected = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean announcePending = new AtomicBoolean();
  private final Backoff connectBackoff = new Backoff(RETRY_MIN, RETRY_MAX, new Random());
  private volatile long lastAnnounced;
  private final Promise<Void> firstSubscribed = Promise.promise();
  private final SSLSocketFactory socketFactory;
  private final EventPathProbe probe;
  private final TelemetryLane<Arrived> telemetry;
  private final java.util.List<TelemetryReader> readers = new java.util.ArrayList<>();
  private volatile boolean direct;
  private volatile BiFunction<String, Message, Future<Void>> decodedInbound;

  public MqttLink(HubConfig.Broker broker, HubConfig.Mqtt mqtt, HubIdentity identity, ProtocolCodec codec, Clock clock,
                  SSLSocketFactory socketFactory, Context context, BiFunction<String, byte[], Future<Void>> inbound,
                  Consumer<Boolean> connectionListener) {
    this(broker, mqtt, identity, codec, clock, socketFactory, context, inbound, connectionListener,
        TelemetryLane.MAX_WAITING);
  }

  /** With a telemetry lane of {@code laneCapacity} messages (tests fill a small one). */
  MqttLink(HubConfig.Broker broker, HubConfig.Mqtt mqtt, HubIdentity identity, ProtocolCodec codec, Clock clock,
           SSLSocketFactory socketFactory, Context context, BiFunction<String, byte[], Future<Void>> inbound,
           Consumer<Boolean> connectionListener, int laneCapacity) {
    this.broker = broker;
    this.mqtt = mqtt;
    this.identity = identity;
    this.codec = codec;
    this.clock = clock;
    this.context = context;
    this.inbound = inbound;
    this.connectionListener = connectionListener;
    this.socketFactory = socketFactory;
    this.telemetry = new TelemetryLane<>(context, this::handle, laneCapacity);
    // real time, not the hub's clock: the probe's timer runs on real time, and a test may move the hub's clock
    this.probe = new EventPathProbe(Clock.systemUTC(), mqtt.probeInterval(), mqtt.topics().hubProbe(), identity.hubId());
    try {
      client = new MqttAsyncClient(broker.urls().get(0), mqtt.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("cannot create the MQTT client for " + broker.url() + ": " + e.getMessage(), e);
    }
    client.setCallback(this);
    client.setManualAcks(true);
    DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
    buffer.setBufferEnabled(true);
    buffer.setBufferSize(10_000);
    buffer.setDeleteOldestMessages(true);
    client.setBufferOpts(buffer);
  }

  /** Starts connecting (and keeps retrying); the future completes once the first subscriptions are in place. */
  public Future<Void> start() {
    readers.forEach(TelemetryReader::start);
    if (probe.enabled()) {
      context.owner().setPeriodic(probe.interval().toMillis(), t -> probe());
    }
    connect();
    return firstSubscribed.future();
  }

  public boolean connected() {
    return connected.get();
  }

  /** Connected, and the broker still delivers the events subscription ({@link EventPathProbe}). */
  public boolean delivering() {
    return connected.get() && probe.alive();
  }

  /** Probes published, probes received back, and stalls found. */
  public long[] probeCounts() {
    return new long[] {probe.sent(), probe.received(), probe.stalls()};
  }

  private void probe() {
    if (!connected.get() || stopping.get()) {
      return;
    }
    if (probe.stalledNow()) {
      LOG.error("the broker at {} has delivered nothing on the events subscription for {} probe intervals while"
          + " connected; reporting the broker DOWN and subscribing again", broker.url(), EventPathProbe.MISSED_INTERVALS);
      subscribe("still connected");
    }
    publish(probe.topic(), probe.payload(), 1, false)
        .onFailure(e -> LOG.warn("probe not published: {}", e.getMessage()));
  }

  public Topics topics() {
    return mqtt.topics();
  }

  /** Publishes; the future completes on the hub's context when the broker has it (QoS 1) or it was sent (QoS 0). */
  public Future<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    return publish(topic, payload, qos, retained, null);
  }

  /** Publishes with an MQTT 5 message expiry (null: none): the broker drops it once it is that old. */
  public Future<Void> publish(String topic, byte[] payload, int qos, boolean retained, java.time.Duration expiry) {
    Promise<Void> p = Promise.promise();
    MqttProperties properties = new MqttProperties();
    if (expiry != null) {
      properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
    }
    try {
      client.publish(topic, new MqttMessage(payload, qos, retained, properties), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          context.runOnContext(v -> p.tryComplete());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          context.runOnContext(v -> p.tryFail(e));
        }
      });
    } catch (MqttException e) {
      p.tryFail(e);
    }
    return p.future();
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions o = HubSession.options(broker, mqtt, socketFactory);
    MqttMessage will = new MqttMessage(presence(HubStatus.State.OFFLINE), 1, true, new MqttProperties());
    o.setWill(mqtt.topics().hubPresence(), will);
    return o;
  }

  /**
   * Says ONLINE again, at most once a second however many posts ask: a post that connected to another node
   * of a clustered broker (Artemis keeps a retained message on the node it was published to) has not seen it.
   */
  public void announcePresence() {
    if (announcePending.compareAndSet(false, true)) {
      long wait = Math.max(0, lastAnnounced + 1_000 - System.currentTimeMillis());
      context.owner().setTimer(Math.max(1, wait), id -> {
        announcePending.set(false);
        if (connected.get() && !stopping.get()) {
          lastAnnounced = System.currentTimeMillis();
          publish(mqtt.topics().hubPresence(), presence(HubStatus.State.ONLINE), 1, true);
        }
      });
    }
  }

  private byte[] presence(HubStatus.State state) {
    return codec.encode(new HubStatus(clock.instant(), identity.bootId(), identity.nextSeq(), identity.hubId(), state));
  }

  private void connect() {
    if (stopping.get()) {
      return;
    }
    try {
      client.connect(options(), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // connectComplete subscribes
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          retryConnect(e);
        }
      });
    } catch (MqttException e) {
      retryConnect(e);
    }
  }

  private void retryConnect(Throwable e) {
    long wait;
    synchronized (connectBackoff) { // called on Paho's thread or the event loop, one failure at a time
      wait = connectBackoff.next().toMillis();
    }
    LOG.warn("cannot connect to the broker at {}: {}; retrying in {} ms", broker.url(), e.getMessage(), wait);
    context.owner().setTimer(wait, id -> connect());
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    subscribe(reconnect ? "reconnected" : "connected");
  }

  private void subscribe(String how) {
    String serverURI = broker.url();
    Topics t = mqtt.topics();
    boolean withTelemetry = readers.isEmpty() && !direct;
    MqttSubscription[] subs = HubSession.mainSubscriptions(mqtt, withTelemetry);
    if (!withTelemetry) {
      dropTelemetrySubscription();
    }
    try {
      client.subscribe(subs, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          LOG.info("{} to {} as {}, subscribed", how, serverURI, mqtt.clientId());
          probe.subscribed();
          publish(t.hubPresence(), presence(HubStatus.State.ONLINE), 1, true);
          connected.set(true);
          context.runOnContext(v -> {
            connectionListener.accept(true);
            firstSubscribed.tryComplete();
          });
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          LOG.error("subscribing at {} failed: {}", serverURI, e.getMessage());
        }
      }, new MqttProperties());
    } catch (MqttException e) {
      LOG.error("subscribing at {} failed: {}", serverURI, e.getMessage());
    }
  }

  /**
   * A persistent session keeps its subscriptions: a hub that read telemetry on this connection before (one telemetry
   * connection, or no direct intake) would otherwise go on receiving it here, beside its readers, and drop it here
   * while the lane is full. The broker answers "no subscription existed" when there was none.
   */
  private void dropTelemetrySubscription() {
    try {
      client.unsubscribe(mqtt.subscription(mqtt.topics().fleetFilter(Channel.TELEMETRY)));
    } catch (MqttException e) {
      LOG.debug("unsubscribing telemetry on the main connection: {}", e.getMessage());
    }
  }

  /**
   * Acknowledges a QoS 1/2 message only after the hub has processed it and stored what it decided, so a
   * hub that dies in between gets the message again from its persistent session instead of losing it.
   */
  @Override
  public void messageArrived(String topic, MqttMessage message) {
    Arrived a = new Arrived(topic, message.getPayload(), message.getId(), message.getQos(), connection.get());
    if (HubSession.unexpectedRetained(topic, message)) {
      LOG.warn("ignored a retained message on {}: posts retain only their status", topic);
      acknowledge(a.id(), a.qos(), a.conn());
      return;
    }
    if (topic.endsWith(EVENTS_SUFFIX)) {
      boolean isProbe = probe.isProbe(topic);
      probe.delivered(isProbe);
      if (isProbe) {
        acknowledge(a.id(), a.qos(), a.conn());
        return;
      }
    }
    if (!topic.endsWith(TELEMETRY_SUFFIX)) {
      context.runOnContext(v -> handle(a));
    } else if (!telemetry.offer(telemetry(topic, a.payload(), a.id(), a.qos(), a.conn()))) {
      acknowledge(a.id(), a.qos(), a.conn()); // counted in droppedTelemetry(); the broker must not resend it
    }
  }

  /** A message as it arrived; {@code decoded} is null unless telemetry was decoded on the receiving thread. */
  private record Arrived(String topic, byte[] payload, Message decoded, int id, int qos, int conn) {
    Arrived(String topic, byte[] payload, int id, int qos, int conn) {
      this(topic, payload, null, id, qos, conn);
    }
  }

  /**
   * Has telemetry decoded on the thread that receives it (Paho's, or the embedded broker's) rather than on the
   * event loop, and handed to {@code handler} there; the codec is thread-safe. What fails to decode still goes to
   * the raw handler, which counts the rejection. Call before {@link #start()}.
   */
  public void decodeTelemetryWith(BiFunction<String, Message, Future<Void>> handler) {
    this.decodedInbound = handler;
  }

  private Arrived telemetry(String topic, byte[] payload, int id, int qos, int conn) {
    Message decoded = null;
    if (decodedInbound != null) {
      try {
        decoded = codec.decode(topic, payload);
      } catch (DecodeException | RuntimeException e) {
        // decoded again on the event loop, where the rejection is counted with its reason
      }
    }
    return new Arrived(topic, payload, decoded, id, qos, conn);
  }

  private void handle(Arrived a) {
    Future<Void> done;
    try {
      done = a.decoded() != null ? decodedInbound.apply(a.topic(), a.decoded()) : inbound.apply(a.topic(), a.payload());
    } catch (RuntimeException e) {
      LOG.error("handling a message on {} failed", a.topic(), e);
      done = Future.succeededFuture();
    }
    done.onComplete(ar -> {
      if (ar.failed()) {
        LOG.error("storing what a message on {} caused failed: {}", a.topic(), ar.cause().getMessage());
      }
      acknowledge(a.id(), a.qos(), a.conn());
    });
  }

  /**
   * Adds {@code count} connections that only read telemetry, as members of the shared subscription, so
   * the broker spreads telemetry over several Paho receive threads (one connection reads at most about
   * 10,000 messages/s here; see docs/benchmarks.md) and the main connection keeps events and acks to
   * itself. Call before {@link #start()}.
   */
  public void addTelemetryReaders(int count) {
    if (count > 0) {
      telemetry.shrinkTo(TelemetryLane.FLOW_CONTROLLED);
    }
    for (int i = 1; i <= count; i++) {
      readers.add(new TelemetryReader(broker.urls().get(0), mqtt.clientId() + "-t" + i,
          HubSession.options(broker, mqtt, socketFactory),
          mqtt.subscription(mqtt.topics().fleetFilter(Channel.TELEMETRY)),
          (topic, payload) -> telemetry.put(telemetry(topic, payload, 0, 0, -1), stopping::get)));
    }
  }

  /**
   * The embedded broker hands telemetry to the hub itself ({@code broker.embedded.directTelemetry}): the main
   * connection then does not subscribe to telemetry. Call before {@link #start()}.
   */
  public void telemetryFromEmbeddedBroker() {
    telemetry.shrinkTo(TelemetryLane.FLOW_CONTROLLED);
    direct = true;
  }

  /** The telemetry lane for the embedded broker's intake ({@link #telemetryFromEmbeddedBroker()}). */
  public TelemetryIntake.Lane intakeLane() {
    return (topic, payload, whenFull) -> {
      Arrived a = telemetry(topic, payload, 0, 0, -1);
      if (telemetry.tryOffer(a)) {
        return true;
      }
      java.util.function.BooleanSupplier admit = whenFull.get();
      if (admit != null) {
        telemetry.park(a, admit);
      }
      return false;
    };
  }

  /** Telemetry that found the queue full and waited for room (a reader or the broker held it back). */
  public long waitedTelemetry() {
    return telemetry.waited();
  }

  /** Telemetry the hub could not take because its queue to the event loop was full. */
  public long droppedTelemetry() {
    return telemetry.dropped();
  }

  /** Telemetry waiting for the event loop. */
  public int waitingTelemetry() {
    return telemetry.waiting();
  }

  private void acknowledge(int id, int qos, int conn) {
    // an id from an earlier connection means nothing now; the broker redelivers that message itself
    if (qos == 0 || conn != connection.get()) {
      return;
    }
    try {
      client.messageArrivedComplete(id, qos);
    } catch (MqttException | NullPointerException e) {
      // a Paho client that was closed meanwhile (a reconnect replaces it) throws an NPE here, as its callback is
      // gone; either way the broker redelivers the unacknowledged message on the next connection
      LOG.debug("ack of message {} failed: {}", id, e.getMessage());
    }
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    connected.set(false);
    connection.incrementAndGet();
    if (!stopping.get()) {
      LOG.warn("lost the broker at {}: {}", broker.url(), response.getReasonString() != null
          ? response.getReasonString() : String.valueOf(response.getException()));
    }
    context.runOnContext(v -> connectionListener.accept(false));
  }

  @Override
  public void mqttErrorOccurred(MqttException e) {
    LOG.warn("MQTT error: {}", e.getMessage());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    // publish listeners report delivery
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
    // no enhanced authentication
  }

  /** Publishes OFFLINE (a clean stop, not a crash) and disconnects. Blocking: call off the event loop. */
  public void stop() {
    stopping.set(true);
    readers.forEach(TelemetryReader::stop);
    try {
      if (client.isConnected()) {
        CountDownLatch sent = new CountDownLatch(1);
        client.publish(mqtt.topics().hubPresence(), presence(HubStatus.State.OFFLINE), 1, true, null,
            new MqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                sent.countDown();
              }

              @Override
              public void onFailure(IMqttToken token, Throwable e) {
                sent.countDown();
              }
            });
        sent.await(2, TimeUnit.SECONDS);
        client.disconnect(2_000).waitForCompletion(3_000);
      }
    } catch (MqttException | InterruptedException e) {
      LOG.debug("disconnect: {}", e.getMessage());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("close: {}", e.getMessage());
      }
    }
  }
}
