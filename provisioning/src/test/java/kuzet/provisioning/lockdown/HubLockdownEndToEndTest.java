package kuzet.provisioning.lockdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kuzet.agent.Agent;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.Pi4jBoard;
import kuzet.hub.config.ConfigException;
import kuzet.hub.testing.HubHarness;
import kuzet.protocol.Channel;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;
import kuzet.protocol.Topics;
import kuzet.provisioning.ca.FleetCa;
import kuzet.provisioning.ca.IssuedCertificate;
import kuzet.provisioning.ca.Pem;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as an installer sets it up: {@code fleet init}, {@code post add}, then the hub with its embedded broker
 * and nothing but default lock-down settings (broker.auth=registry, the TLS listener from the fleet directory, the
 * hub's client on the hub account). Devices connect with the credentials the CLI issued; the hub's REST API shows
 * what got through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubLockdownEndToEndTest {
  private static final String A = "almaly-a";
  private static final String B = "almaly-b";
  private static final String RETIRED = "almaly-r";
  private static final String AGENT = "almaly-tls";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private Path dir;
  private final Topics topics = Topics.defaults();
  private final ProtocolCodec codec = ProtocolCodec.defaults();
  private TestFleet fleet;
  private HubHarness hub;
  private long seq;

  @BeforeAll
  void installAFleetAndStartTheHub(@TempDir Path tmp) throws Exception {
    dir = tmp;
    fleet = TestFleet.init(dir);
    hub = HubHarness.withEmbeddedBroker(fleet.dataDir, hubAccount(fleet.hubPassword));
    for (String id : new String[] {A, B, RETIRED}) {
      fleet.add(id, hub.brokerTlsUrl(), "both");
    }
    fleet.add(AGENT, hub.brokerTlsUrl(), "cert");
    hub.start();
  }

  @AfterAll
  void stopTheHub() {
    if (hub != null) {
      hub.close();
    }
  }

  private static Map<String, String> hubAccount(String password) {
    return Map.of("hub.id", "hub-e2e", "broker.username", "_hub", "broker.password", password,
        "mqtt.probeIntervalS", "1");
  }

  @Test
  void theLockedDownBrokerLetsTheHubsProbesThroughItsEventsPath() {
    await().atMost(WAIT).until(() -> hub.metric("kuzet_mqtt_probes_received_total", null) >= 3);
    assertThat(hub.metric("kuzet_mqtt_event_path_stalls_total", null)).isZero();
    assertThat(hub.get("/health").json().path("checks").path("broker").asText()).isEqualTo("UP");
  }

  @Test
  void aProvisionedDevicesTelemetryReachesTheHub() throws Exception {
    try (MqttProbe a = device(A)) {
      a.publish(topic(A, Channel.TELEMETRY), telemetry(A, 21.5));
      await().atMost(WAIT).until(() -> temperature(A) == 21.5);
    }
  }

  @Test
  void aDevicePublishingAsAnotherPostRaisesNoAlertAndChangesNothingForIt() throws Exception {
    try (MqttProbe a = device(A)) {
      a.publish(topic(B, Channel.EVENTS), panic(B));
      a.publish(topic(B, Channel.TELEMETRY), telemetry(B, 66.0));
      // the control, on the same session after the forgeries: A's own PANIC
      a.publish(topic(A, Channel.EVENTS), panic(A));
      await().atMost(WAIT).until(() -> !alertsOf(A).isEmpty());
    }
    assertThat(alertsOf(B)).as("alerts for %s", B).isEmpty();
    assertThat(hub.get("/api/posts/" + B).json().path("readings").path("temperatureC").isMissingNode()).isTrue();
  }

  @Test
  void wrongPasswordUnknownUserAnonymousAndAForeignCertificateAreRefused() throws Exception {
    assertRefused(() -> MqttProbe.connect(hub.brokerUrl(), A, A, "not-the-password", null));
    assertRefused(() -> MqttProbe.connect(hub.brokerUrl(), "nobody-1", "nobody-1", "whatever", null));
    assertRefused(() -> MqttProbe.connect(hub.brokerUrl(), "anon-1", null, null, null));
    FleetCa other = FleetCa.create("Impostor", Clock.systemUTC(), new SecureRandom());
    IssuedCertificate forged = other.issueClient(new PostId(AGENT));
    var tls = TlsClient.factory(Pem.readCertificate(fleet.bundle(AGENT).resolve("ca.pem")), forged.certificate(),
        forged.privateKey());
    assertRefused(() -> MqttProbe.connect(hub.brokerTlsUrl(), AGENT, null, null, tls));
  }

  @Test
  void afterPostRevokeTheDeviceIsCutOffAndCannotReconnect() throws Exception {
    MqttProbe retired = device(RETIRED);
    try {
      retired.publish(topic(RETIRED, Channel.TELEMETRY), telemetry(RETIRED, 10.0));
      await().atMost(WAIT).until(() -> temperature(RETIRED) == 10.0);

      TestFleet.cli("post", "revoke", "--data-dir", fleet.dataDir.toString(), "--id", RETIRED);

      retired.publish(topic(RETIRED, Channel.TELEMETRY), telemetry(RETIRED, 11.0));
      try (MqttProbe control = device(B)) {
        control.publish(topic(B, Channel.TELEMETRY), telemetry(B, 30.0));
        await().atMost(WAIT).until(() -> temperature(B) == 30.0);
      }
      assertThat(temperature(RETIRED)).as("the revoked post's reading after its last publish").isEqualTo(10.0);
      assertThat(retired.isConnected()).as("the revoked post's open connection").isFalse();
    } finally {
      retired.close();
    }
    assertRefused(() -> device(RETIRED));
    assertRefused(() -> MqttProbe.connect(hub.brokerTlsUrl(), RETIRED, null, null,
        TlsClient.fromBundle(fleet.bundle(RETIRED))));
  }

  @Test
  void aRealEdgeAgentWithItsCertificateOnlyBundleConnectsOverTlsAndShowsOnline() throws Exception {
    AgentConfig cfg = ConfigLoader.load(fleet.bundle(AGENT).resolve("agent.conf"), Map.of(
        "KUZET_AGENT_DATA_DIR", dir.resolve("agent-data").toString(),
        "KUZET_AGENT_HARDWARE_PLATFORM", "mock",
        "KUZET_AGENT_SELFTEST_HOUR", "-1"));
    assertThat(cfg.mqtt().url()).isEqualTo(hub.brokerTlsUrl());
    assertThat(cfg.mqtt().username()).as("a certificate-only post has no MQTT username").isNull();
    try (Pi4jBoard hw = Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), AgentConfig.Platform.MOCK);
         Agent agent = new Agent(cfg, hw.board(), Clock.systemUTC(), null, 1).start()) {
      await().atMost(WAIT).until(() -> postInList(AGENT).map(p -> p.path("status").asText()).orElse("")
          .equals("online"));
      assertThat(agent.connected()).isTrue();
    }
  }

  @Test
  void theHubWillNotStartWhenItsOwnPasswordIsNotTheHubAccounts() throws Exception {
    HubHarness wrong = HubHarness.withEmbeddedBroker(fleet.dataDir, hubAccount("not-the-hub-password"));
    assertThatThrownBy(wrong::start).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'broker.password'").hasMessageContaining("does not match");
  }

  private MqttProbe device(String id) throws MqttException {
    return MqttProbe.connect(hub.brokerUrl(), id, id, fleet.passwords.get(id), null);
  }

  private String topic(String id, Channel c) {
    return topics.topic(new PostId(id), c);
  }

  private byte[] telemetry(String id, double temperature) {
    Readings r = new Readings(temperature, null, null, null, null, null, null, null, null, null, null);
    return codec.encode(new Telemetry(new PostId(id), Instant.now(), "boot-1", ++seq, r));
  }

  private byte[] panic(String id) {
    return codec.encode(new Event(new PostId(id), Instant.now(), "boot-1", ++seq, UUID.randomUUID(), EventKind.PANIC,
        UUID.randomUUID(), Map.of()));
  }

  private double temperature(String id) {
    JsonNode t = hub.get("/api/posts/" + id).json().path("readings").path("temperatureC");
    return t.isNumber() ? t.asDouble() : Double.NaN;
  }

  private java.util.List<JsonNode> alertsOf(String id) {
    HubHarness.Response r = hub.get("/api/alerts");
    assertThat(r.status()).isEqualTo(200);
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    r.json().forEach(a -> {
      if (a.path("postId").asText().equals(id)) {
        out.add(a);
      }
    });
    return out;
  }

  private java.util.Optional<JsonNode> postInList(String id) {
    for (JsonNode p : hub.get("/api/posts").json()) {
      if (p.path("id").asText().equals(id)) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable connect) {
    assertThatThrownBy(connect).isInstanceOf(MqttException.class);
  }
}
