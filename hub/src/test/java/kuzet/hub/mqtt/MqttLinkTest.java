package kuzet.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's MQTT client against a locked-down Mosquitto and through a broker outage. */
class MqttLinkTest {
  @TempDir
  Path dir;

  static String panic(String postId) {
    return "{\"type\":\"EVENT\",\"schema\":1,\"postId\":\"" + postId + "\",\"ts\":\"" + Instant.now()
        + "\",\"bootId\":\"b1\",\"seq\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"kind\":\"PANIC\",\"incidentId\":\""
        + UUID.randomUUID() + "\"}";
  }

  static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  /** Runs a command with {@code input} on its standard input (e.g. {@code mosquitto_pub -l}, one message a line). */
  static void runWithInput(String input, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write((input + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void hubSignsInWithUsernameAndPasswordOnABrokerThatRefusesAnonymousClients() throws Exception {
    Path passwords = dir.resolve("passwd");
    run("/usr/bin/mosquitto_passwd", "-b", "-c", passwords.toString(), "hub", "s3cret-hub");
    run("/usr/bin/mosquitto_passwd", "-b", passwords.toString(), "alatau-lock", "s3cret-post");
    try (MosquittoBroker m = MosquittoBroker.start(dir.resolve("broker"), MosquittoBroker.freePort(),
            List.of("allow_anonymous false", "password_file " + passwords.toAbsolutePath(),
                // the password file and the test directory are root-only; do not drop to the mosquitto user
                "user root"));
         HubHarness h = new HubHarness(dir.resolve("hub"), TestBroker.of(m),
             Map.of("broker.username", "hub", "broker.password", "s3cret-hub")).register("alatau-lock").start()) {
      run("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(m.port()), "-V", "mqttv5", "-q", "1",
          "-u", "alatau-lock", "-P", "s3cret-post", "-t", "posts/alatau-lock/events", "-m", panic("alatau-lock"));
      await().until(() -> h.get("/api/alerts").json().size() == 1);
    }
  }

  @Test
  void hubReportsABrokerOutageAndPicksUpPanicsOnceTheBrokerIsBack() throws Exception {
    MosquittoBroker m = MosquittoBroker.start(dir.resolve("broker"), MosquittoBroker.freePort(),
        List.of("allow_anonymous true"));
    try (HubHarness h = new HubHarness(dir.resolve("hub"), TestBroker.of(m), Map.of()).register("alatau-out").start()) {
      m.kill();
      await().atMost(Duration.ofSeconds(20)).until(() -> h.get("/health").status() == 503);
      assertThat(h.get("/health").json().get("checks").get("broker").asText()).isEqualTo("DOWN");

      m.startProcess();
      await().atMost(Duration.ofSeconds(45)).until(() -> h.get("/health").status() == 200);
      run("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(m.port()), "-V", "mqttv5", "-q", "1",
          "-t", "posts/alatau-out/events", "-m", panic("alatau-out"));
      await().until(() -> h.get("/api/alerts").json().size() == 1);
    } finally {
      m.close();
    }
  }
}
