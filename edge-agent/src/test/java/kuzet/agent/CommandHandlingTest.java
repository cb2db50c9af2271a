package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kuzet.protocol.Command;
import kuzet.protocol.CommandAck;
import kuzet.protocol.CommandName;
import kuzet.protocol.EventKind;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandHandlingTest {
  @TempDir
  Path dir;
  private MosquittoBroker broker;
  private Recorder hub;
  private TestPost post;
  private String commandTopic;

  @BeforeEach
  void start() throws Exception {
    broker = MosquittoBroker.start(dir.resolve("broker"));
    hub = new Recorder(broker.url(), "hub", false);
    post = new TestPost(dir.resolve("agent"), broker.url(), Map.of());
    commandTopic = "posts/" + post.cfg.postId() + "/commands";
    await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
  }

  @AfterEach
  void stop() throws Exception {
    post.close();
    hub.close();
    broker.close();
  }

  private CommandAck onlyAck(UUID id) {
    await().atMost(Duration.ofSeconds(5)).until(() -> hub.acks(id).count() >= 1);
    return hub.acks(id).findFirst().orElseThrow();
  }

  @Test
  void aMalformedCommandGetsAnErrorAckAndTheAgentKeepsWorking() throws Exception {
    UUID id = UUID.randomUUID();
    String bad = "{\"type\":\"COMMAND\",\"schema\":1,\"postId\":\"" + post.cfg.postId() + "\",\"ts\":\"" + Instant.now()
        + "\",\"bootId\":\"hub\",\"seq\":1,\"commandId\":\"" + id + "\",\"name\":\"LIGHTS\",\"args\":{\"target\":\"floodlights\",\"mode\":\"purple\"}}";
    hub.raw(commandTopic, bad.getBytes(StandardCharsets.UTF_8));
    CommandAck ack = onlyAck(id);
    assertThat(ack.ok()).isFalse();
    assertThat(ack.error()).contains("mode").contains("purple");

    hub.raw(commandTopic, "this is not json".getBytes(StandardCharsets.UTF_8));
    UUID beacon = hub.command(post.cfg.postId(), CommandName.BEACON, null, Map.of("mode", "on"));
    assertThat(onlyAck(beacon).ok()).as("still working after garbage").isTrue();
    assertThat(post.agent.beacon().pattern()).isEqualTo(kuzet.agent.panic.LedPattern.STROBE);
  }

  @Test
  void anUnknownCommandGetsAnErrorAck() throws Exception {
    UUID id = UUID.randomUUID();
    String unknown = "{\"type\":\"COMMAND\",\"schema\":1,\"postId\":\"" + post.cfg.postId() + "\",\"ts\":\"" + Instant.now()
        + "\",\"bootId\":\"hub\",\"seq\":1,\"commandId\":\"" + id + "\",\"name\":\"SELF_DESTRUCT\"}";
    hub.raw(commandTopic, unknown.getBytes(StandardCharsets.UTF_8));
    CommandAck ack = onlyAck(id);
    assertThat(ack.ok()).isFalse();
    assertThat(ack.error()).contains("SELF_DESTRUCT");
    UUID next = hub.command(post.cfg.postId(), CommandName.LIGHTS, null, Map.of("target", "floodlights", "mode", "on"));
    assertThat(onlyAck(next).ok()).isTrue();
    assertThat(post.output("floodlights").isHigh()).isTrue();
  }

  @Test
  void aRepeatedCommandIdIsAppliedOnceAndAcknowledgedEveryTime() throws Exception {
    Command selfTest = new Command(post.cfg.postId(), Instant.now(), "hub", 1, UUID.randomUUID(), CommandName.SELF_TEST, null, Map.of());
    hub.send(selfTest);
    hub.send(selfTest);
    hub.send(selfTest);
    await().atMost(Duration.ofSeconds(5)).until(() -> hub.acks(selfTest.commandId()).count() == 3);
    await().atMost(Duration.ofSeconds(5)).until(() -> hub.events(EventKind.SELF_TEST_RESULT).count() >= 1);
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> hub.events(EventKind.SELF_TEST_RESULT).count() == 1);
    assertThat(hub.acks(selfTest.commandId())).allSatisfy(a -> assertThat(a.ok()).isTrue());
  }

  @Test
  void aCommandOlderThanTheBoundIsAcknowledgedAsExpiredAndNotApplied() throws Exception {
    // the opposite of what the floodlights show now: after dusk the lighting schedule has them on already
    boolean before = post.output("floodlights").isHigh();
    String opposite = before ? "off" : "on";
    Command stale = new Command(post.cfg.postId(), Instant.now().minus(Duration.ofMinutes(10)), "hub", 1,
        UUID.randomUUID(), CommandName.LIGHTS, null, Map.of("target", "floodlights", "mode", opposite));
    hub.send(stale);
    CommandAck ack = onlyAck(stale.commandId());
    assertThat(ack.ok()).isFalse();
    assertThat(ack.expired()).as("ack %s", ack).isTrue();
    assertThat(ack.error()).contains("600 s ago").contains("limit of 60 s");
    assertThat(post.output("floodlights").isHigh()).as("floodlights switched by a stale command").isEqualTo(before);

    Command fresh = new Command(post.cfg.postId(), Instant.now().minusSeconds(30), "hub", 2, UUID.randomUUID(),
        CommandName.LIGHTS, null, Map.of("target", "floodlights", "mode", opposite));
    hub.send(fresh);
    assertThat(onlyAck(fresh.commandId()).ok()).isTrue();
    assertThat(post.output("floodlights").isHigh()).isEqualTo(!before);
  }

  @Test
  void aPanicStateForAnUnknownIncidentIsRefused() throws Exception {
    UUID id = hub.command(post.cfg.postId(), CommandName.PANIC_ACK, UUID.randomUUID(), Map.of());
    CommandAck ack = onlyAck(id);
    assertThat(ack.ok()).isFalse();
    assertThat(ack.error()).contains("no panic is active");
  }

  @Test
  void aSirenCommandOnAPostWithoutASirenGetsASpecificError() throws Exception {
    UUID id = hub.command(post.cfg.postId(), CommandName.SIREN, null, Map.of("mode", "on"));
    assertThat(onlyAck(id).error()).isEqualTo("this post has no siren");
  }

  @Test
  void configReloadAcknowledgesAnInvalidFileWithTheKeyAndAValidOneWithOk() throws Exception {
    Path conf = dir.resolve("agent.conf");
    java.nio.file.Files.writeString(conf, "post.id = test-post-1\nmqtt.url = " + broker.url() + "\ntelemetry.intervalS = fast\n");
    post.close();
    post = new TestPost(dir.resolve("agent2"), broker.url(), Map.of(), conf);
    await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
    UUID bad = hub.command(post.cfg.postId(), CommandName.CONFIG_RELOAD, null, Map.of());
    assertThat(onlyAck(bad).error()).contains("telemetry.intervalS").contains("'fast' is not a whole number");
    java.nio.file.Files.writeString(conf, "post.id = test-post-1\nmqtt.url = " + broker.url() + "\ntelemetry.intervalS = 1\n");
    UUID good = hub.command(post.cfg.postId(), CommandName.CONFIG_RELOAD, null, Map.of());
    assertThat(onlyAck(good).ok()).isTrue();
    long before = hub.messages.stream().filter(kuzet.protocol.Telemetry.class::isInstance).count();
    await().atMost(Duration.ofSeconds(6)).until(() ->
        hub.messages.stream().filter(kuzet.protocol.Telemetry.class::isInstance).count() >= before + 2);
  }
}
