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
   * The slow half of starting: the embedded QuestDB (seconds on a small server) with its table, or nothing when
   * telemetry goes to an external InfluxDB. A standby hub does this while it waits, so that taking over is fast;
   * it holds no shared state.
   */
  public static final class Prepared implements AutoCloseable {
    private final EmbeddedQuestDb questDb;

    private Prepared(EmbeddedQuestDb questDb) {
      this.questDb = questDb;
    }

    @Override
    public void close() {
      if (questDb != null) {
        questDb.close();
      }
    }
  }

  /** Starts the embedded QuestDB under {@code <dataDir>/questdb} on loopback unless {@code telemetry.url} is set. */
  public static Prepared prepare(TelemetryConfig config, Path dataDir) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dataDir, "dataDir");
    if (!config.embedded()) {
      return new Prepared(null);
    }
    int port = config.embeddedPort() == 0 ? freeLoopbackPort() : config.embeddedPort();
    EmbeddedQuestDb questDb = EmbeddedQuestDb.start(dataDir.resolve("questdb"), port, EMBEDDED_WORKERS);
    try {
      // the table up front, with deduplication: a batch retried after a lost reply is not stored twice
      questDb.exec(TelemetrySchema.QUESTDB_DDL);
      return new Prepared(questDb);
    } catch (RuntimeException e) {
      questDb.close();
      throw e;
    }
  }

  /**
   * With {@code telemetry.url} set, a writer to that InfluxDB; otherwise QuestDB under
   * {@code <dataDir>/questdb} on loopback and a writer to it through the same InfluxDB write API.
   */
  public static TelemetryStore start(TelemetryConfig config, Path dataDir, MeterRegistry registry) {
    return start(config, dataDir, registry, prepare(config, dataDir));
  }

  /** The writer on what {@link #prepare} started; the store then owns (and closes) the embedded QuestDB. */
  public static TelemetryStore start(TelemetryConfig config, Path dataDir, MeterRegistry registry, Prepared prepared) {
    Objects.requireNonNull(registry, "registry");
    Path spillDir = config.spillDirUnder(dataDir);
    if (prepared.questDb == null) {
      return new TelemetryStore(new InfluxTelemetryWriter(config, spillDir, registry), null);
    }
    return new TelemetryStore(new InfluxTelemetryWriter(config.withUrl(prepared.questDb.url()), spillDir, registry),
        prepared.questDb);
  }

  static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the embedded QuestDB", e);
    }
  }
}
