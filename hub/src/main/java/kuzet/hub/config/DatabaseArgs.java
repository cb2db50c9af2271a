package kuzet.hub.config;

import java.nio.file.Path;
import kuzet.store.StoreSettings;
import picocli.CommandLine.Option;

/** Where a command-line tool finds the hub's database: the hub's config file (its store.* keys), or a SQLite file. */
public final class DatabaseArgs {
  @Option(names = "--config", paramLabel = "FILE", description = "The hub's config file (its hub.dataDir names the database)")
  Path config;

  @Option(names = "--db", paramLabel = "FILE", description = "The hub's SQLite database file (hub.db)")
  Path db;

  /** The audit key: the config's {@code hub.auditKeyFile}, or with --db the {@code audit.key} beside the file. */
  public Path auditKeyFile() {
    return db != null ? db.toAbsolutePath().resolveSibling("audit.key")
        : HubConfig.from(ConfigSource.load(config, System.getenv())).auditKeyFile();
  }

  /** The database; reading the config may throw {@code ConfigException}. */
  public StoreSettings store() {
    return db != null ? StoreSettings.sqlite(db) : HubConfig.from(ConfigSource.load(config, System.getenv())).store();
  }
}
