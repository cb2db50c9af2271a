package kuzet.hub.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Objects;

/** Starts telemetry storage as configured: the hub's main calls {@link #start} once. */
public final class TelemetryStores {

  /** QuestDB's worker threads: enough for the hub's write rate, modest on a 2-core server. */
  static final int EMBEDDED_WORKERS = 2;

  private TelemetryStores() {}

  /**
   * With {@code telemetry.url} set, a writer to that InfluxDB; otherwise QuestDB under
   * {@code <dataDir>/questdb} on loopback and a writer to it through the same InfluxDB write API.
   */
  public static TelemetryStore start(TelemetryConfig config, Path dataDir, MeterRegistry registry) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(registry, "registry");
    Path spillDir = config.spillDirUnder(dataDir);
    if (!config.embedded()) {
      return new TelemetryStore(new InfluxTelemetryWriter(config, spillDir, registry), null);
    }
    int port = config.embeddedPort() == 0 ? freeLoopbackPort() : config.embeddedPort();
    EmbeddedQuestDb questDb = EmbeddedQuestDb.start(dataDir.resolve("questdb"), port, EMBEDDED_WORKERS);
    try {
      // the table up front, with deduplication: a batch retried after a lost reply is not stored twice
      questDb.exec(TelemetrySchema.QUESTDB_DDL);
      return new TelemetryStore(new InfluxTelemetryWriter(config.withUrl(questDb.url()), spillDir, registry), questDb);
    } catch (RuntimeException e) {
      questDb.close();
      throw e;
    }
  }

  static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the embedded QuestDB", e);
    }
  }
}
