package kuzet.hub.store;

import java.nio.file.Path;
import kuzet.hub.config.ConfigSource;
import kuzet.hub.config.HubConfig;
import picocli.CommandLine.Option;

/** Where a command-line tool finds the hub's SQLite file: the hub's config file, or the file itself. */
public final class DatabaseArgs {
  @Option(names = "--config", paramLabel = "FILE", description = "The hub's config file (its hub.dataDir names the database)")
  Path config;

  @Option(names = "--db", paramLabel = "FILE", description = "The hub's SQLite database file (hub.db)")
  Path db;

  /** The audit key: the config's {@code hub.auditKeyFile}, or with --db the {@code audit.key} beside the file. */
  public Path auditKeyFile() {
    return db != null ? kuzet.hub.audit.AuditKey.besideDatabase(db)
        : HubConfig.from(ConfigSource.load(config, System.getenv())).auditKeyFile();
  }

  /** The database file; reading the config may throw {@code ConfigException}. */
  public Path file() {
    return db != null ? db : HubConfig.from(ConfigSource.load(config, System.getenv())).databaseFile();
  }
}
