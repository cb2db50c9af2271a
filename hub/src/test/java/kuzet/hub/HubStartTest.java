package kuzet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import kuzet.hub.auth.OpenAccess;
import kuzet.hub.config.HubConfig;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up order: the telemetry store starts beside the embedded broker, and either failing stops both. */
class HubStartTest {
  @TempDir
  Path dir;

  @Test
  void aTelemetryStoreThatCannotStartStopsTheHubNamingWhyAndFreesTheBrokersPort() throws Exception {
    int brokerPort = MosquittoBroker.freePort();
    AtomicReference<String> startedOn = new AtomicReference<>();
    HubApplication hub = new HubApplication(config(brokerPort), Clock.systemUTC(), meters -> {
      startedOn.set(Thread.currentThread().getName());
      throw new IllegalStateException("QuestDB did not start on 127.0.0.1:9000: port taken");
    }, new OpenAccess(), registry -> null);

    assertThatThrownBy(hub::start).isInstanceOf(IllegalStateException.class)
        .hasMessage("the telemetry store did not start: QuestDB did not start on 127.0.0.1:9000: port taken");
    assertThat(startedOn.get()).isEqualTo("telemetry-start");
    try (ServerSocket again = new ServerSocket(brokerPort, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(brokerPort);
    }
  }

  @Test
  void aBrokerThatCannotStartStopsTheTelemetryStoreItStartedBeside() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      RecordingSink sink = new RecordingSink();
      HubApplication hub = new HubApplication(config(taken.getLocalPort()), Clock.systemUTC(), meters -> sink,
          new OpenAccess(), registry -> null);

      assertThatThrownBy(hub::start).isInstanceOf(RuntimeException.class);
      org.awaitility.Awaitility.await().until(() -> sink.closed);
    }
  }

  private HubConfig config(int brokerPort) throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("hub.dataDir", Files.createDirectories(dir.resolve("hub")).toString());
    values.put("http.port", "0");
    values.put("broker.embedded.port", Integer.toString(brokerPort));
    values.put("broker.auth", "none");
    return HubConfig.defaults(values);
  }

  private static final class RecordingSink implements kuzet.hub.telemetry.TelemetrySink {
    volatile boolean closed;

    @Override
    public void accept(kuzet.registry.RegisteredPost post, kuzet.protocol.Telemetry telemetry) {
      // nothing arrives: the hub never starts
    }

    @Override
    public boolean healthy() {
      return true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
