package kuzet.hub.auth;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import kuzet.hub.config.ConfigSource;
import kuzet.hub.config.HubConfig;
import kuzet.store.Database;
import kuzet.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hub operator add}: creates an operator (the first admin, typically). There is no default password:
 * the password comes from a file (or stdin with {@code -}) or is generated and printed exactly once.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Add a person who may sign in to the board. Without --password-file a password is generated and printed once.")
public final class CreateOperatorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--username", required = true, description = "Lower-case login name, 2 to 64 characters.")
  String username;

  @Option(names = "--role", defaultValue = "admin", description = "viewer, operator or admin (default: ${DEFAULT-VALUE}).")
  String role;

  @Option(names = "--password-file", description = "Read the password from the first line of this file ('-' for stdin).")
  String passwordFile;

  @Option(names = "--database", description = "The hub's SQLite file (default: the one --config names).")
  Path database;

  @Option(names = "--config", paramLabel = "FILE", description = "The hub's config file, to find its database (store.url, or hub.db in hub.dataDir).")
  Path config;

  private final Clock clock;
  private final StoreSettings defaultStore;

  /** For picocli's reflection; the database must then be given with --database. */
  public CreateOperatorCommand() {
    this(null, Clock.systemUTC());
  }

  /** @param defaultStore the hub's configured database, used when neither --database nor --config is given */
  public CreateOperatorCommand(StoreSettings defaultStore, Clock clock) {
    this.defaultStore = defaultStore;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StoreSettings store = defaultStore;
    Path auditKey = null;
    if (database != null) {
      store = StoreSettings.sqlite(database);
    } else if (config != null) {
      try {
        HubConfig hub = HubConfig.from(ConfigSource.load(config, System.getenv()));
        store = hub.store();
        auditKey = hub.auditKeyFile();
      } catch (RuntimeException e) {
        err.println("Cannot read the hub config " + config + ": " + e.getMessage());
        return 2;
      }
    }
    if (store == null) {
      err.println("Give --config (the hub's config file) or --database (the hub's SQLite file)");
      return 2;
    }
    try (Database db = Database.open(store)) {
      OperatorStore operators = new OperatorStore(db);
      Role parsed = JsonReplies.role(role);
      String password = passwordFile == null ? null : kuzet.hub.config.SecretFile.firstLine(passwordFile);
      OperatorService service = new OperatorService(operators, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, clock);
      service.auditTo(kuzet.hub.audit.PendingAudit.recorder(db, auditKey != null ? auditKey
          : store.sqliteFile().toAbsolutePath().resolveSibling("audit.key"), clock));
      OperatorService.Created created = service.create("command line", username, parsed, password);
      out.printf("Added %s '%s' to %s%n", parsed.name().toLowerCase(), username, store.describe());
      if (created.generatedPassword() != null) {
        out.printf("Password (shown only this once; it is stored only as a hash): %s%n", created.generatedPassword());
      }
      out.flush();
      return 0;
    } catch (AuthProblem | IllegalArgumentException | IllegalStateException e) {
      err.println("Cannot add operator: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("Cannot read the password file " + passwordFile + ": " + e.getMessage());
      return 1;
    }
  }
}
