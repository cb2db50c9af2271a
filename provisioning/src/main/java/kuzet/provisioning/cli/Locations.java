package kuzet.provisioning.cli;

import java.nio.file.Path;
import java.time.Duration;
import kuzet.registry.JdbcPostRegistry;
import kuzet.brokeraccount.FleetFiles;
import kuzet.store.StoreSettings;
import picocli.CommandLine.Option;

/** Where the hub keeps its data: the registry database and the fleet directory. */
final class Locations {
  static final String DEFAULT_DATA_DIR = "./data";

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:KUZET_HUB_DATADIR:-" + DEFAULT_DATA_DIR + "}",
      description = "The hub's data directory, its hub.dataDir (default: $KUZET_HUB_DATADIR or ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--registry", paramLabel = "FILE",
      description = "The hub's SQLite database holding the post registry (default: DATA_DIR/hub.db).")
  Path registry;

  @Option(names = "--store-url", paramLabel = "JDBC-URL", defaultValue = "${env:KUZET_STORE_URL:-}",
      description = "The hub's PostgreSQL database, jdbc:postgresql://HOST[:PORT]/DATABASE, when the hubs run on one"
          + " (default: $KUZET_STORE_URL; empty: the SQLite file). The password comes from $KUZET_STORE_PASSWORD.")
  String storeUrl;

  @Option(names = "--store-user", paramLabel = "USER", defaultValue = "${env:KUZET_STORE_USER:-}",
      description = "The database user for --store-url (default: $KUZET_STORE_USER).")
  String storeUser;

  @Option(names = "--fleet-dir", paramLabel = "DIR",
      description = "The fleet CA and hub credentials (default: DATA_DIR/fleet).")
  Path fleetDir;

  Path registryFile() {
    return registry != null ? registry : dataDir.resolve("hub.db");
  }

  FleetFiles fleet() {
    return new FleetFiles(fleetDir != null ? fleetDir : dataDir.resolve("fleet"));
  }

  /** The registry's database; a --store-url that makes no sense fails with picocli's usage error. */
  StoreSettings store() {
    if (storeUrl == null || storeUrl.isBlank()) {
      return StoreSettings.sqlite(registryFile());
    }
    String password = System.getenv("KUZET_STORE_PASSWORD");
    return new StoreSettings(storeUrl.trim(), storeUser, password, 2, Duration.ofSeconds(10));
  }

  JdbcPostRegistry openRegistry() {
    return JdbcPostRegistry.open(store());
  }
}
