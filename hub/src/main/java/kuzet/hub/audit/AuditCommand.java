package kuzet.hub.audit;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import kuzet.hub.config.ConfigException;
import kuzet.store.Database;
import kuzet.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hub audit verify}: checks the audit chain of a hub database and names the first broken entry. */
@Command(name = "audit", description = "Audit trail tools.", subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit 0 when intact, 3 when broken, 2 for bad arguments. */
  @Command(name = "verify", description = {"Checks the audit log's hash chain with the audit key (hub.auditKeyFile; with --db the audit.key beside it);",
      "exit 3 and the first broken entry if it was tampered with, 2 if the database or the key is missing."})
  public static final class Verify implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    kuzet.hub.config.DatabaseArgs source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      StoreSettings store;
      try {
        store = source.store();
      } catch (ConfigException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 2;
      }
      if (store.sqliteFile() != null && !Files.isRegularFile(store.sqliteFile())) {
        spec.commandLine().getErr().println("error: database " + store.sqliteFile() + " does not exist");
        return 2;
      }
      AuditKey key;
      try {
        key = AuditKey.load(source.auditKeyFile());
      } catch (IllegalStateException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 2;
      }
      AuditVerification result;
      try (Database db = Database.open(store)) {
        result = db.callAndWait(c -> AuditVerifier.verify(c, key));
      }
      out.println(result.describe());
      out.flush();
      return result.intact() ? 0 : 3;
    }
  }
}
