package kuzet.provisioning.lockdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import kuzet.protocol.Channel;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import kuzet.protocol.testing.ArtemisCluster;
import kuzet.provisioning.artemis.ArtemisExport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Apache Artemis 2.40 node locked down with exactly what {@code broker export --broker artemis} writes,
 * installed the way docs/scale-out.md tells an installer to. The same node first runs open (as {@code artemis create
 * --allow-anonymous} makes it), where a post's forgery of another post's PANIC does arrive: so the refusals below
 * are the export's doing. Non-delivery is judged against a control sent afterwards on the same path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtemisLockdownTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int NOT_AUTHORIZED = 0x87;
  private static final String A = "post-00";
  private static final String B = "post-01";
  private static final String REVOKED = "retired-00";
  /** Revoked while the broker runs, by {@link #aPostRevokedOnTheRunningBrokerIsLockedOutWithinTheBound}. */
  private static final String LATER = "post-02";
  private static final String HUB_CLIENT = "_kuzet-hub-1";
  private static final int CLIENT_ID_NOT_VALID = 0x85;
  /** Paho's reason code 0 on an exception means no CONNACK came (a TLS refusal, say): not to be read as success. */
  private static final int REFUSED_BEFORE_CONNACK = -1;
  /**
   * How long a revocation may take on a running node: broker.xml is checked every 5 s (configuration-file-refresh-
   * period) and a successful login is cached for 10 s (security-invalidation-interval), both Artemis's defaults.
   */
  static final Duration REVOCATION_BOUND = Duration.ofSeconds(15);

  @TempDir
  static Path dir;

  private final Topics topics = Topics.defaults();
  private final ProtocolCodec codec = ProtocolCodec.defaults();
  private TestFleet fleet;
  private ArtemisCluster broker;
  private int tlsPort;

  @BeforeAll
  void lockDown() throws Exception {
    fleet = TestFleet.create(dir, List.of(A, B, REVOKED, LATER));
    TestFleet.cli("post", "revoke", "--data-dir", fleet.dataDir.toString(), "--id", REVOKED);
    broker = ArtemisCluster.single(dir.resolve("artemis"));
    assertThat(forgedPanicArrives("open"))
        .as("before the export, on the open broker, %s's PANIC forged by %s reaches the hub", B, A).isTrue();

    tlsPort = ArtemisInstall.freePort();
    ArtemisInstall.lockDown(broker, fleet.dataDir, dir.resolve("export"), tlsPort);
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aPostsCredentialsCannotSendAnotherPostsPanic() throws Exception {
    assertThat(forgedPanicArrives("locked")).as("%s's PANIC forged by %s reached the hub", B, A).isFalse();
    assertThat(publishReason(A, topics.topic(new PostId(B), Channel.EVENTS), panic(B)))
        .as("MQTT 5 reason code for %s publishing on %s's events", A, B).isEqualTo(NOT_AUTHORIZED);
  }

  @Test
  void aPostCannotSpeakForTheHub() throws Exception {
    for (String topic : List.of(topics.topic(new PostId(B), Channel.COMMANDS), topics.topic(new PostId(A),
        Channel.CONFIG), topics.hubPresence(), topics.hubProbe())) {
      assertThat(publishReason(A, topic, "forged".getBytes(StandardCharsets.UTF_8)))
          .as("reason code for %s publishing on %s", A, topic).isEqualTo(NOT_AUTHORIZED);
    }
  }

  @Test
  void aPostCannotSubscribeToAnotherPostsCommandsNorToWildcards() throws Exception {
    String mine = topics.topic(new PostId(A), Channel.COMMANDS);
    String theirs = topics.topic(new PostId(B), Channel.COMMANDS);
    List<String> forbidden = List.of(theirs, topics.fleetFilter(Channel.COMMANDS), topics.everythingFilter());
    for (String filter : forbidden) {
      // each on a connection of its own, before the probe: a post has one client id, and a second connection under
      // it replaces the first
      assertThat(subscribeReason(A, filter)).as("SUBACK reason code for %s subscribing to %s", A, filter)
          .isEqualTo(NOT_AUTHORIZED);
    }
    try (MqttProbe hub = hub("hub-subscribe"); MqttProbe a = device(A)) {
      forbidden.forEach(a::subscribe);
      a.subscribe(mine);
      hub.publish(theirs, "for-b");
      hub.publish(mine, "for-a");
      await().atMost(WAIT).until(() -> a.count(mine, "for-a") == 1);
      assertThat(a.received).as("what %s received", A).extracting(MqttProbe.Received::topic).containsOnly(mine);
    }
  }

  @Test
  void aPostSendsItsOwnTelemetryEventsAndAcksAndHearsItsOwnCommandsConfigAndTheHub() throws Exception {
    PostId a = new PostId(A);
    List<String> own = List.of(topics.topic(a, Channel.COMMANDS), topics.topic(a, Channel.CONFIG), topics.hubPresence());
    for (String filter : own) {
      assertThat(subscribeReason(A, filter)).as("SUBACK reason code for %s subscribing to %s", A, filter).isZero();
    }
    try (MqttProbe hub = hub("hub-own"); MqttProbe post = device(A)) {
      own.forEach(post::subscribe);
      for (Channel c : List.of(Channel.STATUS, Channel.TELEMETRY, Channel.EVENTS, Channel.COMMAND_ACKS)) {
        post.publish(topics.topic(a, c), "own-" + c);
      }
      for (String toPost : List.of(topics.topic(a, Channel.COMMANDS), topics.topic(a, Channel.CONFIG), topics.hubPresence())) {
        hub.publish(toPost, "from-hub");
      }
      await().atMost(WAIT).untilAsserted(() -> {
        for (Channel c : List.of(Channel.STATUS, Channel.TELEMETRY, Channel.EVENTS, Channel.COMMAND_ACKS)) {
          assertThat(hub.count(topics.topic(a, c), "own-" + c)).as("hub got %s's %s", A, c).isEqualTo(1);
        }
        for (String toPost : List.of(topics.topic(a, Channel.COMMANDS), topics.topic(a, Channel.CONFIG), topics.hubPresence())) {
          assertThat(post.count(toPost, "from-hub")).as("%s got the hub's %s", A, toPost).isEqualTo(1);
        }
      });
    }
  }

  @Test
  void theHubsSharedSubscriptionAndProbeWork() throws Exception {
    try (MqttProbe hub = MqttProbe.connect(broker.url(1), "hub-shared", "_hub", fleet.hubPassword, null, 0L);
         MqttProbe post = device(B)) {
      hub.subscribe(Topics.shared("hub", topics.fleetFilter(Channel.EVENTS)));
      String events = topics.topic(new PostId(B), Channel.EVENTS);
      post.publish(events, "press");
      hub.publish(topics.hubProbe(), "probe");
      await().atMost(WAIT).until(() -> hub.count(events, "press") == 1 && hub.count(topics.hubProbe(), "probe") == 1);
    }
  }

  @Test
  void wrongPasswordUnknownUserAnonymousAndRevokedPostsAreRefused() {
    for (String[] login : new String[][] {{A, "not-the-password"}, {"nobody-00", "whatever"}, {null, null},
        {"_hub", fleet.passwords.get(A)}}) {
      String clientId = login[0] == null ? "intruder" : login[0];
      assertThatThrownBy(() -> MqttProbe.connect(broker.url(1), clientId, login[0], login[1], null).close())
          .as("login as %s", login[0]).isInstanceOf(MqttException.class);
    }
    assertThatThrownBy(() -> device(REVOKED).close()).as("login as the revoked post").isInstanceOf(MqttException.class);
  }

  @Test
  void aPostsCredentialsCannotTakeTheHubsOrAnotherPostsClientId() throws Exception {
    String toB = topics.topic(new PostId(B), Channel.COMMANDS);
    String fromB = topics.topic(new PostId(B), Channel.TELEMETRY);
    try (MqttProbe hub = hub(HUB_CLIENT); MqttProbe b = device(B)) {
      b.subscribe(toB);
      for (String stolen : List.of(HUB_CLIENT, B, A + "-2")) {
        assertThat(connectReason(A, stolen)).as("CONNACK reason code for %s's credentials under client id %s", A,
            stolen).isEqualTo(CLIENT_ID_NOT_VALID);
        assertThat(mqtt311Connect(A, stolen)).as("MQTT 3.1.1 CONNACK for %s's credentials under client id %s", A,
            stolen).contains("identifier rejected");
      }
      assertThat(mqtt311Connect(A, A)).as("MQTT 3.1.1 under its own id").doesNotContain("refused", "Refused");
      // Artemis's link stealing would have closed them at once: the control below shows that it does
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
          .until(() -> hub.isConnected() && b.isConnected());
      hub.publish(toB, "still-there");
      b.publish(fromB, "still-there");
      await().atMost(WAIT).until(() -> b.count(toB, "still-there") == 1 && hub.count(fromB, "still-there") == 1);
      assertThat(connectReason(A, A)).as("CONNACK reason code for %s under its own id", A).isZero();
    }
  }

  /**
   * allowLinkStealing stays on (Artemis's default): with the plugin only the post itself can present its id, and its
   * new connection after a network cut must not wait for the broker to notice the old, half-open one.
   */
  @Test
  void aPostsNewConnectionReplacesItsOwnOldOne() throws Exception {
    try (MqttProbe first = device(A)) {
      MqttAsyncClient second = connect(A);
      try {
        await().atMost(WAIT).until(() -> !first.isConnected());
        assertThat(second.isConnected()).as("%s's second connection", A).isTrue();
      } finally {
        closeQuietly(second);
      }
    }
  }

  /**
   * {@code post revoke} and a re-export copied over a running node's files (and broker.xml touched, as the docs say)
   * lock the post out without a restart: new logins are refused, and its open connection is closed (the plugin) and
   * could no longer publish anyway.
   */
  @Test
  void aPostRevokedOnTheRunningBrokerIsLockedOutWithinTheBound() throws Exception {
    String events = topics.topic(new PostId(LATER), Channel.EVENTS);
    try (MqttProbe hub = hub("hub-revoke"); MqttProbe later = device(LATER)) {
      later.publish(events, "before");
      await().atMost(WAIT).until(() -> hub.count(events, "before") == 1);
      TestFleet.cli("post", "revoke", "--data-dir", fleet.dataDir.toString(), "--id", LATER);
      Path export = dir.resolve("export-after-revoke");
      ArtemisInstall.export(fleet.dataDir, export, tlsPort);
      ArtemisInstall.reinstall(export, broker.instance(1));
      long installed = System.nanoTime();

      await().atMost(REVOCATION_BOUND).until(() -> !later.isConnected());
      Duration closed = Duration.ofNanos(System.nanoTime() - installed);
      await().atMost(REVOCATION_BOUND).pollInterval(Duration.ofMillis(250))
          .until(() -> connectReason(LATER, LATER) != 0);
      Duration loginRefused = Duration.ofNanos(System.nanoTime() - installed);
      AtomicInteger round = new AtomicInteger();
      await().atMost(REVOCATION_BOUND).pollInterval(Duration.ofMillis(250)).until(() -> {
        String n = "after-" + round.incrementAndGet();
        later.publish(events, n);
        hub.publish(topics.hubProbe(), n);
        await().atMost(WAIT).until(() -> hub.count(topics.hubProbe(), n) == 1);
        return hub.count(events, n) == 0;
      });
      Duration publishRefused = Duration.ofNanos(System.nanoTime() - installed);
      System.out.printf("revocation on a running Artemis node: the open connection closed after %d ms, new login"
          + " refused by %d ms, nothing it publishes arrives by %d ms%n", closed.toMillis(), loginRefused.toMillis(),
          publishRefused.toMillis());
      assertThat(publishRefused).as("time until the revoked post was locked out")
          .isLessThanOrEqualTo(REVOCATION_BOUND);
    }
  }

  @Test
  void theInstancesOwnAdminStillLogsIn() throws Exception {
    // the exported login.config falls back to artemis-users.properties, where artemis create put its admin; the
    // plugin binds its client id to its name, as every account's but the hub's
    MqttProbe.connect(broker.url(1), "admin", "admin", "admin", null, 0L).close();
  }

  /** The hub's account reading everything under the root. */
  /**
   * What mosquitto_pub says when {@code id}'s credentials connect over MQTT 3.1.1 under {@code clientId}: a refused
   * CONNACK 0x02 reads "Connection Refused: identifier rejected", and an accepted one publishes and says nothing.
   */
  private String mqtt311Connect(String id, String clientId) throws Exception {
    java.net.URI url = java.net.URI.create(broker.url(1));
    Process p = new ProcessBuilder("/usr/bin/mosquitto_pub", "-h", url.getHost(), "-p", Integer.toString(url.getPort()),
        "-V", "mqttv311", "-i", clientId, "-u", id, "-P", fleet.passwords.get(id),
        "-t", topics.topic(new PostId(id), Channel.TELEMETRY), "-m", "probe-311").redirectErrorStream(true).start();
    assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("mosquitto_pub ended").isTrue();
    return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private MqttProbe hub(String clientId) throws Exception {
    MqttProbe hub = MqttProbe.connect(broker.url(1), clientId, "_hub", fleet.hubPassword, null, 0L);
    hub.subscribe(topics.everythingFilter());
    return hub;
  }

  private MqttProbe device(String id) throws Exception {
    return MqttProbe.connect(broker.url(1), id, id, fleet.passwords.get(id), null, 0L);
  }

  /** A forges B's PANIC, then sends its own event as the control: whether the forgery reached the hub. */
  private boolean forgedPanicArrives(String round) throws Exception {
    String forged = topics.topic(new PostId(B), Channel.EVENTS);
    String own = topics.topic(new PostId(A), Channel.EVENTS);
    try (MqttProbe hub = hub("hub-" + round); MqttProbe a = device(A)) {
      a.publish(forged, panic(B));
      a.publish(own, "control-" + round);
      await().atMost(WAIT).until(() -> hub.count(own, "control-" + round) == 1);
      return hub.received.stream().anyMatch(r -> r.topic().equals(forged));
    }
  }

  private byte[] panic(String victim) {
    return codec.encode(new Event(new PostId(victim), Instant.now(), "boot-1", 1, UUID.randomUUID(), EventKind.PANIC,
        UUID.randomUUID(), Map.of()));
  }

  /**
   * The PUBACK's reason code for a QoS 1 publish with {@code id}'s credentials on a fresh connection (0: accepted),
   * or the DISCONNECT's when the broker ends the connection instead.
   */
  private int publishReason(String id, String topic, byte[] payload) throws MqttException {
    MqttAsyncClient c = connect(id);
    try {
      MqttMessage m = new MqttMessage(payload);
      m.setQos(1);
      IMqttToken sent = c.publish(topic, m);
      sent.waitForCompletion(5000);
      return sent.getReasonCodes()[0];
    } catch (MqttException refused) {
      return refused.getReasonCode();
    } finally {
      closeQuietly(c);
    }
  }

  /** The SUBACK's reason code for one filter with {@code id}'s credentials on a fresh connection (0: granted QoS 0). */
  private int subscribeReason(String id, String filter) throws MqttException {
    MqttAsyncClient c = connect(id);
    try {
      IMqttToken subscribed = c.subscribe(filter, 0);
      subscribed.waitForCompletion(5000);
      return subscribed.getReasonCodes()[0];
    } catch (MqttException refused) {
      return refused.getReasonCode();
    } finally {
      closeQuietly(c);
    }
  }

  private MqttAsyncClient connect(String id) throws MqttException {
    return connect(id, id);
  }

  /** {@code id}'s credentials under {@code clientId}. */
  private MqttAsyncClient connect(String id, String clientId) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(broker.url(1), clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(id);
    o.setPassword(fleet.passwords.get(id).getBytes(StandardCharsets.UTF_8));
    o.setConnectionTimeout(5);
    try {
      c.connect(o).waitForCompletion(5000);
    } catch (MqttException refused) {
      closeQuietly(c);
      throw refused;
    }
    return c;
  }

  /**
   * The CONNACK's reason code for {@code id}'s credentials under {@code clientId} (0: connected,
   * {@value #REFUSED_BEFORE_CONNACK}: refused before any CONNACK).
   */
  private int connectReason(String id, String clientId) {
    try {
      closeQuietly(connect(id, clientId));
      return 0;
    } catch (MqttException refused) {
      return refused.getReasonCode() == 0 ? REFUSED_BEFORE_CONNACK : refused.getReasonCode();
    }
  }

  private static void closeQuietly(MqttAsyncClient c) {
    try {
      if (c.isConnected()) {
        c.disconnect().waitForCompletion(2000);
      }
      c.close(true);
    } catch (MqttException gone) {
      // refused or already disconnected: nothing to close
    }
  }
}
