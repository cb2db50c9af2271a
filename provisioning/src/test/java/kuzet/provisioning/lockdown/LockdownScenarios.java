package kuzet.provisioning.lockdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kuzet.protocol.Channel;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import kuzet.protocol.Topics;
import kuzet.protocol.testing.RawMqtt;
import kuzet.provisioning.ca.FleetCa;
import kuzet.provisioning.ca.IssuedCertificate;
import kuzet.provisioning.ca.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's lock-down checks, run against each broker: the exported Mosquitto and the embedded HiveMQ with
 * the registry extension. Non-delivery is always judged against a positive control sent after the forgery on
 * the same connection, so "nothing arrived" cannot just mean "not yet".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LockdownScenarios {
  static final List<String> MATRIX = TestFleet.ids("post", 10);
  static final String REVOKED = "retired-00";
  static final String REVOKED_LISTENER = "retired-01";
  static final String TLS_POST = "tls-00";
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  static Path dir;

  TestFleet fleet;
  final Topics topics = Topics.defaults();
  final ProtocolCodec codec = ProtocolCodec.defaults();

  abstract void startBroker() throws Exception;

  abstract void stopBroker() throws Exception;

  /** Makes the broker see registry changes (Mosquitto: re-export and restart; the embedded broker: nothing). */
  abstract void afterRegistryChange() throws Exception;

  abstract String plainUrl();

  abstract String tlsUrl();

  /** Where posts with a password connect (the embedded broker: its one plain listener, shared with the hub). */
  String devicePlainUrl() {
    return plainUrl();
  }

  @BeforeAll
  void setUp() throws Exception {
    List<String> ids = new ArrayList<>(MATRIX);
    ids.add(REVOKED);
    ids.add(REVOKED_LISTENER);
    ids.add(TLS_POST);
    fleet = TestFleet.create(dir, ids);
    startBroker();
  }

  @AfterAll
  void tearDown() throws Exception {
    stopBroker();
  }

  /** Subscribes the way the hub does: presence plainly, the rest through a shared subscription. */
  MqttProbe hub(String clientId) throws Exception {
    MqttProbe hub = MqttProbe.connect(plainUrl(), clientId, "_hub", fleet.hubPassword, null, 0L);
    hub.subscribe(topics.fleetFilter(Channel.STATUS));
    for (Channel c : List.of(Channel.TELEMETRY, Channel.EVENTS, Channel.COMMAND_ACKS)) {
      hub.subscribe(Topics.shared("hub", topics.fleetFilter(c)));
    }
    return hub;
  }

  MqttProbe device(String id) throws Exception {
    return MqttProbe.connect(devicePlainUrl(), id, id, fleet.passwords.get(id), null);
  }

  MqttProbe tlsDevice(String id) throws Exception {
    return MqttProbe.connect(tlsUrl(), id, null, null, TlsClient.fromBundle(fleet.bundle(id)));
  }

  byte[] telemetry(String id, long seq) {
    return codec.encode(new Telemetry(new PostId(id), Instant.now(), "boot-1", seq, Readings.empty()));
  }

  @Test
  void deviceTelemetryReachesTheHubsAccount() throws Exception {
    try (MqttProbe hub = hub("hub-telemetry"); MqttProbe a = device("post-00")) {
      String topic = topics.topic(new PostId("post-00"), Channel.TELEMETRY);
      a.publish(topic, telemetry("post-00", 1));
      await().atMost(WAIT).until(() -> hub.received.stream().anyMatch(r -> r.topic().equals(topic)));
      MqttProbe.Received got = hub.received.stream().filter(r -> r.topic().equals(topic)).findFirst().orElseThrow();
      assertThat(codec.decode(topic, got.payload().getBytes())).isInstanceOf(Telemetry.class);
    }
  }

  @Test
  void noDeviceCanWriteAnotherPostsEventsOrReadItsCommands() throws Exception {
    List<MqttProbe> devices = new ArrayList<>();
    try (MqttProbe hub = hub("hub-matrix")) {
      for (String id : MATRIX) {
        devices.add(device(id));
      }
      for (int a = 0; a < MATRIX.size(); a++) {
        for (String b : MATRIX) {
          devices.get(a).subscribe(topics.topic(new PostId(b), Channel.COMMANDS));
        }
      }
      // each device on its own thread: the embedded HiveMQ drops a connection after every refused publish
      ExecutorService senders = Executors.newFixedThreadPool(MATRIX.size());
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < MATRIX.size(); i++) {
        int a = i;
        sent.add(senders.submit(() -> {
          for (String b : MATRIX) {
            if (!b.equals(MATRIX.get(a))) {
              devices.get(a).publish(topics.topic(new PostId(b), Channel.EVENTS), "forged-by-" + MATRIX.get(a));
            }
          }
          // the control: this device's own event, sent after its forgeries on the same session
          devices.get(a).publish(topics.topic(new PostId(MATRIX.get(a)), Channel.EVENTS), "own-" + MATRIX.get(a));
        }));
      }
      for (Future<?> f : sent) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      senders.shutdown();
      for (String round : List.of("cmd", "sync")) {
        for (String b : MATRIX) {
          hub.publish(topics.topic(new PostId(b), Channel.COMMANDS), round + "-for-" + b);
        }
      }
      await().atMost(WAIT).until(() -> MATRIX.stream().allMatch(id ->
          hub.count(topics.topic(new PostId(id), Channel.EVENTS), "own-" + id) == 1
              && devices.get(MATRIX.indexOf(id)).count(topics.topic(new PostId(id), Channel.COMMANDS), "sync-for-" + id)
              == 1));

      assertThat(hub.received).as("events the hub got from a post other than the topic's")
          .filteredOn(r -> r.payload().startsWith("forged-by-")).isEmpty();
      for (int a = 0; a < MATRIX.size(); a++) {
        String own = topics.topic(new PostId(MATRIX.get(a)), Channel.COMMANDS);
        assertThat(devices.get(a).received).as("commands %s received for other posts", MATRIX.get(a))
            .allMatch(r -> r.topic().equals(own))
            .hasSize(2);
      }
    } finally {
      devices.forEach(MqttProbe::close);
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    assertThatThrownBy(() -> MqttProbe.connect(devicePlainUrl(), "post-01", "post-01", "not-the-password", null))
        .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
  }

  @Test
  void unknownUserIsRefused() {
    assertThatThrownBy(() -> MqttProbe.connect(devicePlainUrl(), "nobody-00", "nobody-00", "whatever", null))
        .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
    assertThatThrownBy(() -> MqttProbe.connect(devicePlainUrl(), "anon-00", null, null, null))
        .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
  }

  @Test
  void certificateFromAnotherCaIsRefused() throws Exception {
    FleetCa other = FleetCa.create("Impostor", Clock.systemUTC(), new SecureRandom());
    IssuedCertificate forged = other.issueClient(new PostId("post-02"));
    var tls = TlsClient.factory(Pem.readCertificate(fleet.bundle("post-02").resolve("ca.pem")),
        forged.certificate(), forged.privateKey());
    assertThatThrownBy(() -> MqttProbe.connect(tlsUrl(), "post-02", null, null, tls))
        .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
  }

  @Test
  void aPostCannotTakeOverAnotherPostsSessionOverTls() throws Exception {
    try (MqttProbe victim = tlsDevice("post-06"); MqttProbe hub = hub("hub-takeover")) {
      String commands = topics.topic(new PostId("post-06"), Channel.COMMANDS);
      victim.subscribe(commands);
      try (MqttProbe intruder = MqttProbe.connect(tlsUrl(), "post-06", null, null,
          TlsClient.fromBundle(fleet.bundle("post-05")))) {
        // Mosquitto renames the intruder to its own id (post-05); the embedded broker refuses it outright
      } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
        // also fine: either way the victim's session must survive
      }
      hub.publish(commands, "still-there");
      await().atMost(WAIT).until(() -> victim.count(commands, "still-there") == 1);
    }
  }

  @Test
  void aPasswordPostCannotTakeOverAnotherPostsOrTheHubsSession() throws Exception {
    try (MqttProbe victim = device("post-07"); MqttProbe hub = hub("_kuzet-takeover")) {
      String commands = topics.topic(new PostId("post-07"), Channel.COMMANDS);
      victim.subscribe(commands);
      for (String stolenId : List.of("post-07", "_kuzet-takeover")) {
        try (MqttProbe intruder = MqttProbe.connect(devicePlainUrl(), stolenId, "post-08",
            fleet.passwords.get("post-08"), null)) {
          // Mosquitto renames the intruder to its username (post-08); the embedded broker refuses it outright
        } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
          // also fine: either way the victim's and the hub's sessions must survive
        }
      }
      hub.publish(commands, "still-there");
      await().atMost(WAIT).until(() -> victim.count(commands, "still-there") == 1);
      assertThat(victim.isConnected()).isTrue();
      assertThat(hub.isConnected()).isTrue();
    }
  }

  @Test
  void oversizedPublishIsRefusedAndNeverDeliveredOrRetained() throws Exception {
    String status = topics.topic(new PostId("post-09"), Channel.STATUS);
    byte[] big = new byte[ProtocolCodec.MAX_PACKET_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'x');
    try (MqttProbe hub = hub("hub-oversize");
         RawMqtt attacker = RawMqtt.connect(devicePlainUrl(), "post-09", "post-09", fleet.passwords.get("post-09"))) {
      RawMqtt.Answer answer = attacker.publish(status, big, true);
      assertThat(answer.accepted()).as("the broker's answer to a %d-byte publish: %s", big.length, answer).isFalse();
      try (MqttProbe control = device("post-09")) {
        control.publish(status, "control");
        await().atMost(WAIT).until(() -> hub.count(status, "control") == 1);
      }
      assertThat(hub.received).as("oversized messages the hub received")
          .noneMatch(r -> r.payload().length() > ProtocolCodec.MAX_PAYLOAD_BYTES);
    }
    try (MqttProbe late = MqttProbe.connect(plainUrl(), "hub-late", "_hub", fleet.hubPassword, null, 0L)) {
      late.subscribe(status);
      late.subscribe(topics.hubPresence());
      // retained messages come at subscription time, so anything retained arrives before this
      late.publish(topics.hubPresence(), "sync");
      await().atMost(WAIT).until(() -> late.count(topics.hubPresence(), "sync") == 1);
      assertThat(late.received).as("what a hub subscribing later was given").noneMatch(r -> r.payload().length() > ProtocolCodec.MAX_PAYLOAD_BYTES);
    }
  }

  @Test
  void hubMayReadEverythingUnderTheRoot() throws Exception {
    try (MqttProbe hub = MqttProbe.connect(plainUrl(), "hub-all", "_hub", fleet.hubPassword, null, 0L);
         MqttProbe a = device("post-04")) {
      hub.subscribe(topics.everythingFilter());
      String topic = topics.topic(new PostId("post-04"), Channel.COMMAND_ACKS);
      a.publish(topic, "ack");
      await().atMost(WAIT).until(() -> hub.count(topic, "ack") == 1);
    }
  }

  @Test
  void theHubsProbeComesBackThroughItsEventsSubscriptionAndNoDeviceMaySendOne() throws Exception {
    try (MqttProbe hub = hub("hub-probe"); MqttProbe a = device("post-05")) {
      a.publish(topics.hubProbe(), "forged");
      hub.publish(topics.hubProbe(), "probe-1");
      await().atMost(WAIT).until(() -> hub.count(topics.hubProbe(), "probe-1") == 1);
      assertThat(hub.count(topics.hubProbe(), "forged")).isZero();
    }
  }

  @Test
  void clientCertificateOverTlsReachesTheHub() throws Exception {
    try (MqttProbe hub = hub("hub-tls"); MqttProbe post = tlsDevice(TLS_POST)) {
      String topic = topics.topic(new PostId(TLS_POST), Channel.TELEMETRY);
      post.publish(topic, telemetry(TLS_POST, 7));
      await().atMost(WAIT).until(() -> hub.received.stream().anyMatch(r -> r.topic().equals(topic)));
    }
  }

  @Test
  void aRevokedPostThatOnlyListensStopsReceivingItsCommands() throws Exception {
    String commands = topics.topic(new PostId(REVOKED_LISTENER), Channel.COMMANDS);
    try (MqttProbe listener = device(REVOKED_LISTENER)) {
      listener.subscribe(commands);
      try (MqttProbe hub = hub("hub-before-revoke")) {
        hub.publish(commands, "before");
        await().atMost(WAIT).until(() -> listener.count(commands, "before") == 1);
      }
      TestFleet.cli("post", "revoke", "--data-dir", fleet.dataDir.toString(), "--id", REVOKED_LISTENER);
      afterRegistryChange();
      await().atMost(WAIT).until(() -> !listener.isConnected());
      try (MqttProbe hub = hub("hub-after-revoke"); MqttProbe control = device("post-01")) {
        String controlCommands = topics.topic(new PostId("post-01"), Channel.COMMANDS);
        control.subscribe(controlCommands);
        hub.publish(commands, "after");
        hub.publish(controlCommands, "after");
        await().atMost(WAIT).until(() -> control.count(controlCommands, "after") == 1);
      }
      assertThat(listener.count(commands, "after")).as("commands a revoked post received").isZero();
    }
  }

  @Test
  void revokedPostCanNeitherConnectNorPublish() throws Exception {
    MqttProbe before = device(REVOKED);
    try {
      TestFleet.cli("post", "revoke", "--data-dir", fleet.dataDir.toString(), "--id", REVOKED);
      afterRegistryChange();
      try (MqttProbe hub = hub("hub-revoke"); MqttProbe control = device("post-03")) {
        String revokedTopic = topics.topic(new PostId(REVOKED), Channel.TELEMETRY);
        before.publish(revokedTopic, telemetry(REVOKED, 2));
        String controlTopic = topics.topic(new PostId("post-03"), Channel.TELEMETRY);
        control.publish(controlTopic, telemetry("post-03", 2));
        await().atMost(WAIT).until(() -> hub.received.stream().anyMatch(r -> r.topic().equals(controlTopic)));
        assertThat(hub.received).filteredOn(r -> r.topic().equals(revokedTopic)).isEmpty();
      }
      assertThatThrownBy(() -> device(REVOKED)).isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
      assertThatThrownBy(() -> tlsDevice(REVOKED)).isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
    } finally {
      before.close();
    }
  }
}
