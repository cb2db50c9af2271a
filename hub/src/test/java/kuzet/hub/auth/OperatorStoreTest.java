package kuzet.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import kuzet.store.Dialect;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Operators and their sessions on both engines (one suite). */
class OperatorStoreTest {
  @TempDir
  Path dir;

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  private static Operator operator(String name, Role role) {
    return new Operator(name, role, "$argon2id$hash", T0, 0, null, null);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aTakenUsernameIsRefusedAndTheFirstOperatorIsKept(Dialect dialect) {
    try (OperatorStore store = OperatorStore.open(TestDatabases.fresh(dialect, dir))) {
      store.insert(operator("duty1", Role.OPERATOR));
      assertThatThrownBy(() -> store.insert(operator("duty1", Role.ADMIN)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'duty1' already exists");
      assertThat(store.find("duty1")).get().extracting(Operator::role).isEqualTo(Role.OPERATOR);
      assertThat(store.countWithRole(Role.ADMIN)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void removingAnOperatorEndsTheirSessionsAndExpiredSessionsArePurged(Dialect dialect) {
    try (OperatorStore store = OperatorStore.open(TestDatabases.fresh(dialect, dir))) {
      store.insert(operator("duty1", Role.OPERATOR));
      store.insert(operator("duty2", Role.VIEWER));
      store.saveSession(new Session("h1", "duty1", Role.OPERATOR, "c1", T0, T0.plusSeconds(3600)));
      store.saveSession(new Session("h2", "duty2", Role.VIEWER, "c2", T0, T0.plusSeconds(60)));
      store.saveSession(new Session("h3", "duty2", Role.VIEWER, "c3", T0, T0.plusSeconds(7200)));

      assertThat(store.delete("duty2")).isTrue();
      assertThat(store.delete("duty2")).as("already gone").isFalse();
      assertThat(store.liveSessions(T0.plusSeconds(120))).extracting(Session::tokenHash).containsExactly("h1");
      assertThat(store.liveSessions(T0.plusSeconds(3600))).as("expired at its end").isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void updatingKeepsFailuresAndLockTimes(Dialect dialect) {
    try (OperatorStore store = OperatorStore.open(TestDatabases.fresh(dialect, dir))) {
      store.insert(operator("duty1", Role.OPERATOR));
      store.update(new Operator("duty1", Role.ADMIN, "$argon2id$new", T0, 3, T0.plusSeconds(5), T0.plusSeconds(900)));
      Operator read = store.find("duty1").orElseThrow();
      assertThat(read.role()).isEqualTo(Role.ADMIN);
      assertThat(read.failedAttempts()).isEqualTo(3);
      assertThat(read.lockedUntil()).isEqualTo(T0.plusSeconds(900));
      assertThatThrownBy(() -> store.update(operator("nobody", Role.VIEWER))).hasMessageContaining("no operator named 'nobody'");
    }
  }
}
