package kuzet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import kuzet.protocol.PostId;
import kuzet.store.Dialect;
import kuzet.store.StoreSettings;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The registry on both engines (one suite): what the hub, its broker's checks and the installer's CLI share. */
class JdbcPostRegistryTest {
  @TempDir Path dir;

  private JdbcPostRegistry open(Dialect dialect) {
    return JdbcPostRegistry.open(TestDatabases.fresh(dialect, dir));
  }

  private static RegisteredPost post(String id) {
    return new RegisteredPost(new PostId(id), PostType.MODULAR_POST, "Post " + id, "Alatau", 43.24, 76.85,
        Instant.parse("2026-11-24T10:00:00Z"), null, null, null);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void registeredPostSurvivesReopeningTheDatabase(Dialect dialect) {
    StoreSettings db = TestDatabases.fresh(dialect, dir);
    try (var registry = JdbcPostRegistry.open(db)) {
      registry.register(post("alatau-001"));
    }
    try (var registry = JdbcPostRegistry.open(db)) {
      assertThat(registry.find(new PostId("alatau-001"))).get()
          .satisfies(p -> assertThat(p.district()).isEqualTo("Alatau"))
          .satisfies(p -> assertThat(p.latitude()).as("a double, not a float").isEqualTo(43.24));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void batchWithADuplicateIdAddsNothing(Dialect dialect) {
    try (var registry = open(dialect)) {
      registry.register(post("alatau-001"));
      assertThatThrownBy(() -> registry.registerAll(List.of(post("alatau-002"), post("alatau-001"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
      assertThat(registry.all()).extracting(RegisteredPost::id).containsExactly(new PostId("alatau-001"));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void revokingRemovesThePasswordAndListsTheCertificate(Dialect dialect) {
    try (var registry = open(dialect)) {
      registry.register(post("alatau-001").withCredentials("$7$hash", "0a1b"));
      registry.revoke(new PostId("alatau-001"), Instant.parse("2026-11-25T00:00:00Z"));
      RegisteredPost p = registry.find(new PostId("alatau-001")).orElseThrow();
      assertThat(p.active()).isFalse();
      assertThat(p.mqttPasswordHash()).isNull();
      assertThat(registry.revokedCertificateSerials()).containsExactly("0a1b");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void revokingAnUnknownPostSaysSo(Dialect dialect) {
    try (var registry = open(dialect)) {
      assertThatThrownBy(() -> registry.revoke(new PostId("nobody"), Instant.now()))
          .hasMessageContaining("no post 'nobody' is registered");
    }
  }
}
