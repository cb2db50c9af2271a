package kuzet.hub.telemetry;

import java.util.Optional;

/**
 * The running telemetry storage: the sink ingest writes to and, when no InfluxDB is configured, the
 * embedded QuestDB behind it. Closing stops the writer first (so it can flush or spill), then QuestDB.
 */
public final class TelemetryStore implements AutoCloseable {

  private final InfluxTelemetryWriter sink;
  private final EmbeddedQuestDb questDb;

  TelemetryStore(InfluxTelemetryWriter sink, EmbeddedQuestDb questDb) {
    this.sink = sink;
    this.questDb = questDb;
  }

  /** Hand this to ingest. */
  public InfluxTelemetryWriter sink() {
    return sink;
  }

  /** The embedded QuestDB, when the hub runs one. */
  public Optional<EmbeddedQuestDb> embedded() {
    return Optional.ofNullable(questDb);
  }

  /** QuestDB's web console, for the start-up banner; empty when writing to an external InfluxDB. */
  public Optional<String> consoleUrl() {
    return embedded().map(EmbeddedQuestDb::consoleUrl);
  }

  @Override
  public void close() {
    try {
      sink.close();
    } finally {
      if (questDb != null) {
        questDb.close();
      }
    }
  }
}
