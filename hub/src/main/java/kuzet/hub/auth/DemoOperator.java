package kuzet.hub.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import kuzet.store.Database;
import kuzet.store.StoreSettings;

/** The demo's one sign-in: created only when the hub has no operators at all, with a generated password shown once. */
public final class DemoOperator {
  public static final String USERNAME = "demo";

  private DemoOperator() {
  }

  /** @return "username / password" to print once, or empty when operators already exist */
  public static Optional<String> createIfNone(StoreSettings database, Path auditKeyFile, Clock clock) {
    try (Database db = Database.open(database)) {
      OperatorStore store = new OperatorStore(db);
      if (!store.all().isEmpty()) {
        return Optional.empty();
      }
      OperatorService service = new OperatorService(store, Argon2Passwords.DEFAULT, AuthSettings.DEFAULT, clock);
      service.auditTo(kuzet.hub.audit.PendingAudit.recorder(db, auditKeyFile, clock));
      OperatorService.Created c = service.create("demo", USERNAME, Role.ADMIN, null);
      return Optional.of(USERNAME + " / " + c.generatedPassword());
    }
  }
}
