package kuzet.store;

import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema's history, one for both databases: the scripts in {@code db/migration} (their few differences
 * are {@link Dialect} placeholders), applied by Flyway when the hub or a tool opens the database. Never edit
 * a released script: add the next version.
 */
final class Migrations {
  private Migrations() {
  }

  static void apply(DataSource ds, StoreSettings settings) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .locations("classpath:db/migration")
        .placeholders(settings.dialect().placeholders())
        // a file from before the versioned history (its tables made by CREATE TABLE IF NOT EXISTS) adopts
        // version 1 by running it: every statement of version 1 is idempotent for exactly this reason
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
    refuseNewer(flyway, settings);
    flyway.migrate();
  }

  /** Flyway on its own only skips versions it does not know; an older hub must not run on a newer schema. */
  private static void refuseNewer(Flyway flyway, StoreSettings settings) {
    MigrationInfo[] all = flyway.info().all();
    MigrationVersion known = Arrays.stream(all)
        .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
        .map(MigrationInfo::getVersion)
        .filter(v -> v != null)
        .max(Comparator.naturalOrder())
        .orElse(MigrationVersion.EMPTY);
    Arrays.stream(all)
        .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
        .map(MigrationInfo::getVersion)
        .max(Comparator.naturalOrder())
        .ifPresent(newer -> {
          throw new Database.NewerSchemaException("the hub database at " + settings.describe()
              + " has schema version " + newer + ", written by a newer hub; this hub knows up to version " + known
              + ". Run the newer hub, or restore a backup taken before the upgrade (hub backup).");
        });
  }
}
