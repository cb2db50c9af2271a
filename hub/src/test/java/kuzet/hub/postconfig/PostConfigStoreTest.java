package kuzet.hub.postconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.audit.AuditVerifier;
import kuzet.hub.testing.TestDatabases;
import kuzet.store.Database;
import kuzet.store.Dialect;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Desired settings per post on both engines (migration V7): versions grow, each change is in the audit chain. */
class PostConfigStoreTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void eachChangeGrowsThePostsVersionIsAuditedAndOnlyTheCurrentVersionTakesAnAnswer(Dialect dialect) throws Exception {
    Instant t0 = Instant.parse("2026-12-02T08:00:00Z");
    AuditKey key = AuditKey.loadOrCreate(dir.resolve("audit.key"));
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      db.callAndWait(c -> kuzet.hub.audit.AuditKeying.keyChain(c, key, t0)); // as the hub does when it starts
      List<DesiredConfig> first = db.callAndWait(c -> PostConfigStore.change(c, key, List.of("alatau-001", "alatau-002"),
          Map.of("telemetry.intervalS", "60", "panic.holdMs", "300"), "chief", t0));
      assertThat(first).extracting(DesiredConfig::version).containsExactly(1L, 1L);
      Map<String, String> back = new HashMap<>();
      back.put("panic.holdMs", null);
      back.put("selftest.hour", "3");
      DesiredConfig second = db.callAndWait(c -> PostConfigStore.change(c, key, List.of("alatau-001"), back, "chief",
          t0.plusSeconds(60))).get(0);
      assertThat(second.version()).isEqualTo(2);
      assertThat(second.settings()).isEqualTo(Map.of("telemetry.intervalS", "60", "selftest.hour", "3"));
      assertThat(second.commandId()).isNotEqualTo(first.get(0).commandId());

      db.callAndWait(c -> PostConfigStore.answered(c, "alatau-001", 1, "refused: late", null, t0.plusSeconds(61)));
      assertThat(db.callAndWait(c -> PostConfigStore.find(c, "alatau-001")).orElseThrow().ackVersion())
          .as("an answer to a version that is no longer wanted").isNull();
      DesiredConfig answered = db.callAndWait(c -> PostConfigStore.answered(c, "alatau-001", 2, null, "panic.holdMs",
          t0.plusSeconds(62))).orElseThrow();
      assertThat(answered.status(2L).state()).isEqualTo("applied");
      assertThat(answered.status(2L).restart()).isEqualTo("panic.holdMs");
      assertThat(answered.status(1L).state()).isEqualTo("pending");

      assertThat(db.callAndWait(PostConfigStore::all)).extracting(DesiredConfig::postId)
          .containsExactly("alatau-001", "alatau-002");
      var verified = db.callAndWait(c -> AuditVerifier.verify(c, key));
      assertThat(verified.intact()).as(verified.describe()).isTrue();
      List<String> details = db.callAndWait(c -> {
        try (var rs = c.createStatement().executeQuery("SELECT detail FROM audit WHERE action = 'CONFIG' ORDER BY seq")) {
          List<String> out = new java.util.ArrayList<>();
          while (rs.next()) {
            out.add(rs.getString(1));
          }
          return out;
        }
      });
      assertThat(details).containsExactly("version 1: panic.holdMs=300, telemetry.intervalS=60",
          "version 1: panic.holdMs=300, telemetry.intervalS=60",
          "version 2: panic.holdMs back to the post's file, selftest.hour=3");
    }
  }
}
