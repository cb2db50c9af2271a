package kuzet.provisioning.cli;

import java.nio.file.Path;
import kuzet.hub.registry.SqlitePostRegistry;
import kuzet.hub.brokerauth.FleetFiles;
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

  @Option(names = "--fleet-dir", paramLabel = "DIR",
      description = "The fleet CA and hub credentials (default: DATA_DIR/fleet).")
  Path fleetDir;

  Path registryFile() {
    return registry != null ? registry : dataDir.resolve("hub.db");
  }

  FleetFiles fleet() {
    return new FleetFiles(fleetDir != null ? fleetDir : dataDir.resolve("fleet"));
  }

  SqlitePostRegistry openRegistry() {
    return new SqlitePostRegistry(registryFile());
  }
}
