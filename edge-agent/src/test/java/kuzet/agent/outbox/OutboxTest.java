package kuzet.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir
  Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> drain(Outbox o) {
    List<String> out = new ArrayList<>();
    for (var h = o.head(); h.isPresent(); h = o.head()) {
      out.add(new String(h.get().payload(), StandardCharsets.UTF_8));
      o.remove(h.get().id());
    }
    return out;
  }

  @Test
  void panicGoesAheadOfTheBacklogThenEventsThenTelemetryEachOldestFirst() {
    try (Outbox o = new Outbox(dir.resolve("o.db"), 100, 100)) {
      o.append(Priority.TELEMETRY, "TELEMETRY", "t", b("t1"));
      o.append(Priority.EVENT, "MOTION", "e", b("e1"));
      o.append(Priority.TELEMETRY, "TELEMETRY", "t", b("t2"));
      o.append(Priority.EVENT, "MOTION", "e", b("e2"));
      o.append(Priority.PANIC, "PANIC", "e", b("p1"));
      assertThat(drain(o)).containsExactly("p1", "e1", "e2", "t1", "t2");
    }
  }

  @Test
  void whatIsPurgedIsCountedByKindDurablyAndTamperIsNeverPurged() {
    try (Outbox o = new Outbox(dir.resolve("o.db"), 2, 100)) {
      o.append(Priority.EVENT, "TAMPER", "e", b("tamper"));
      for (int i = 1; i <= 5; i++) {
        o.append(Priority.TELEMETRY, "TELEMETRY", "t", b("t" + i));
      }
      for (int i = 1; i <= 104; i++) {
        o.append(Priority.EVENT, i % 2 == 0 ? "MOTION" : "DOOR_OPENED", "e", b("e" + i));
      }
      assertThat(o.purged()).containsExactly(java.util.Map.entry("DOOR_OPENED", 3L), java.util.Map.entry("MOTION", 2L),
          java.util.Map.entry("TELEMETRY", 3L));
    }
    try (Outbox o = new Outbox(dir.resolve("o.db"), 2, 100)) {
      assertThat(o.purged()).containsEntry("TELEMETRY", 3L);
      assertThat(drain(o)).startsWith("tamper", "e6").endsWith("e104", "t4", "t5").hasSize(1 + 99 + 2);
    }
  }

  @Test
  void aSlotIsOneRowRewrittenInPlaceAndARewriteOutlivesTheOlderCopysPuback() {
    try (Outbox o = new Outbox(dir.resolve("o.db"), 100, 100)) {
      o.append(Priority.PANIC, "PANIC", "e", b("other"));
      o.put("PANIC:1", Priority.PANIC, "PANIC", "e", b("copy 1"));
      Entry other = o.head().orElseThrow();
      o.sent(other);
      Entry inFlight = o.head().orElseThrow();
      for (int i = 2; i <= 50; i++) {
        o.put("PANIC:1", Priority.PANIC, "PANIC", "e", b("copy " + i));
      }
      assertThat(o.depth()).isEqualTo(1);
      o.sent(inFlight);
      assertThat(drain(o)).as("the PUBACK of copy 1 must not delete copy 50").containsExactly("copy 50");
      o.put("PANIC:1", Priority.PANIC, "PANIC", "e", b("after it left"));
      assertThat(drain(o)).containsExactly("after it left");
    }
  }

  @Test
  void appliedCommandIdsSurviveReopeningAndOnlyTheLastOnesAreKept() {
    java.util.UUID first = java.util.UUID.randomUUID();
    try (Outbox o = new Outbox(dir.resolve("o.db"), 100, 100)) {
      o.appliedCommands().record(first, new AppliedCommands.Outcome("LIGHTS failed", false));
    }
    try (Outbox o = new Outbox(dir.resolve("o.db"), 100, 100, 20)) {
      assertThat(o.appliedCommands().find(first)).contains(new AppliedCommands.Outcome("LIGHTS failed", false));
      for (int i = 0; i < 20; i++) {
        o.appliedCommands().record(java.util.UUID.randomUUID(), new AppliedCommands.Outcome(null, false));
      }
      assertThat(o.appliedCommands().find(first)).isEmpty();
    }
  }

  @Test
  void anOutboxWrittenByAnOlderAgentIsUpgradedWithItsMessagesKept() throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("old.db"));
         var s = c.createStatement()) {
      s.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, priority INTEGER NOT NULL,"
          + " topic TEXT NOT NULL, payload BLOB NOT NULL)");
      s.execute("INSERT INTO outbox (priority, topic, payload) VALUES (0, 'e', X'6F6C64')");
    }
    try (Outbox o = new Outbox(dir.resolve("old.db"), 100, 100)) {
      o.put("PANIC:1", Priority.PANIC, "PANIC", "e", b("new"));
      assertThat(drain(o)).containsExactly("old", "new");
    }
  }

  @Test
  void whenFullTheOldestTelemetryAndThenTheOldestEventsGoButNeverPanic() {
    try (Outbox o = new Outbox(dir.resolve("o.db"), 2, 100)) {
      o.append(Priority.PANIC, "PANIC", "e", b("p1"));
      for (int i = 1; i <= 5; i++) {
        o.append(Priority.TELEMETRY, "TELEMETRY", "t", b("t" + i));
      }
      for (int i = 1; i <= 102; i++) {
        o.append(Priority.EVENT, i % 2 == 0 ? "MOTION" : "DOOR_OPENED", "e", b("e" + i));
      }
      List<String> left = drain(o);
      assertThat(left).startsWith("p1", "e3").endsWith("e102", "t4", "t5").hasSize(1 + 100 + 2);
    }
  }

  @Test
  void storedMessagesSurviveReopening() {
    try (Outbox o = new Outbox(dir.resolve("o.db"), 100, 100)) {
      o.append(Priority.EVENT, "MOTION", "e", b("kept"));
    }
    try (Outbox o = new Outbox(dir.resolve("o.db"), 100, 100)) {
      assertThat(o.depth()).isEqualTo(1);
      assertThat(drain(o)).containsExactly("kept");
    }
  }

  @Test
  void aWaiterWakesOnAnAppendMadeAfterItReadTheCounter() throws Exception {
    try (Outbox o = new Outbox(dir.resolve("o.db"), 100, 100)) {
      long seen = o.changes();
      o.append(Priority.PANIC, "PANIC", "e", b("p"));
      long t0 = System.nanoTime();
      o.awaitChange(seen, 5_000);
      assertThat((System.nanoTime() - t0) / 1_000_000).as("no lost wake-up").isLessThan(1_000);
    }
  }
}
