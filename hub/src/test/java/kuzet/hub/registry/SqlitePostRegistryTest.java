package kuzet.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import kuzet.protocol.PostId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlitePostRegistryTest {
  @TempDir Path dir;

  private static RegisteredPost post(String id) {
    return new RegisteredPost(new PostId(id), PostType.MODULAR_POST, "Post " + id, "Alatau", 43.24, 76.85,
        Instant.parse("2026-11-24T10:00:00Z"), null, null, null);
  }

  @Test
  void registeredPostSurvivesReopeningTheFile() {
    Path db = dir.resolve("hub.db");
    try (var registry = new SqlitePostRegistry(db)) {
      registry.register(post("alatau-001"));
    }
    try (var registry = new SqlitePostRegistry(db)) {
      assertThat(registry.find(new PostId("alatau-001"))).get()
          .satisfies(p -> assertThat(p.district()).isEqualTo("Alatau"));
    }
  }

  @Test
  void batchWithADuplicateIdAddsNothing() {
    try (var registry = new SqlitePostRegistry(dir.resolve("hub.db"))) {
      registry.register(post("alatau-001"));
      assertThatThrownBy(() -> registry.registerAll(List.of(post("alatau-002"), post("alatau-001"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
      assertThat(registry.all()).extracting(RegisteredPost::id).containsExactly(new PostId("alatau-001"));
    }
  }

  @Test
  void revokingRemovesThePasswordAndListsTheCertificate() {
    try (var registry = new SqlitePostRegistry(dir.resolve("hub.db"))) {
      registry.register(post("alatau-001").withCredentials("$7$hash", "0a1b"));
      registry.revoke(new PostId("alatau-001"), Instant.parse("2026-11-25T00:00:00Z"));
      RegisteredPost p = registry.find(new PostId("alatau-001")).orElseThrow();
      assertThat(p.active()).isFalse();
      assertThat(p.mqttPasswordHash()).isNull();
      assertThat(registry.revokedCertificateSerials()).containsExactly("0a1b");
    }
  }

  @Test
  void revokingAnUnknownPostSaysSo() {
    try (var registry = new SqlitePostRegistry(dir.resolve("hub.db"))) {
      assertThatThrownBy(() -> registry.revoke(new PostId("nobody"), Instant.now()))
          .hasMessageContaining("no post 'nobody' is registered");
    }
  }
}
