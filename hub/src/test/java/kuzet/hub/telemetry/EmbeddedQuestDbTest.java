package kuzet.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedQuestDbTest {

  @TempDir Path dir;

  @Test
  void takenPortFailsTheStartNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      TelemetryConfig cfg = TelemetryConfigKeys.fromMap(java.util.Map.of(
          TelemetryConfigKeys.EMBEDDED_PORT, Integer.toString(port)));
      assertThatThrownBy(() -> TelemetryStores.start(cfg, dir, new SimpleMeterRegistry()))
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingStarts() {
    assertThatThrownBy(() -> EmbeddedQuestDb.start(dir, 0, 1)).hasMessageContaining("port 0 is out of range");
    assertThatThrownBy(() -> EmbeddedQuestDb.start(dir, 9000, 0)).hasMessageContaining("worker threads");
  }

  @Test
  void answersSqlAndIsConfiguredForLoopbackHttpOnlyWithoutPhoningHome() throws Exception {
    int port = TelemetryStores.freeLoopbackPort();
    try (EmbeddedQuestDb questDb = EmbeddedQuestDb.start(dir.resolve("q"), port, 1)) {
      assertThat(questDb.queryLong("select 41 + 1")).isEqualTo(42);
      String conf = Files.readString(dir.resolve("q/conf/server.conf"));
      assertThat(conf).contains("http.bind.to=127.0.0.1:" + port, "pg.enabled=false", "line.tcp.enabled=false",
          "telemetry.enabled=false");
    }
  }

  @Test
  void runsWithinItsShareOfTheHubsMemoryBudget() throws Exception {
    try (EmbeddedQuestDb questDb = EmbeddedQuestDb.start(dir.resolve("m"), TelemetryStores.freeLoopbackPort(), 1)) {
      // what QuestDB itself applied, not what the file says: a misspelt key would be ignored silently
      assertThat(questDb.exec("(show parameters) where property_path = 'ram.usage.limit.bytes'")
          .path("dataset").path(0).toString()).contains("\"" + EmbeddedQuestDb.RAM_LIMIT_BYTES + "\"");
      assertThat(questDb.exec("(show parameters) where property_path = 'cairo.writer.data.append.page.size'")
          .path("dataset").path(0).toString()).contains("\"1m\"");
    }
  }
}
