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
      o.append(Priority.TELEMETRY, "t", b("t1"));
      o.append(Priority.EVENT, "e", b("e1"));
      o.append(Priority.TELEMETRY, "t", b("t2"));
      o.append(Priority.EVENT, "e", b("e2"));
      o.append(Priority.PANIC, "e", b("p1"));
      assertThat(drain(o)).containsExactly("p1", "e1", "e2", "t1", "t2");
    }
  }

  @Test
  void whenFullTheOldestTelemetryAndThenTheOldestEventsGoButNeverPanic() {
    try (Outbox o = new Outbox(dir.resolve("o.db"), 2, 100)) {
      o.append(Priority.PANIC, "e", b("p1"));
      for (int i = 1; i <= 5; i++) {
        o.append(Priority.TELEMETRY, "t", b("t" + i));
      }
      for (int i = 1; i <= 102; i++) {
        o.append(Priority.EVENT, "e", b("e" + i));
      }
      List<String> left = drain(o);
      assertThat(left).startsWith("p1", "e3").endsWith("e102", "t4", "t5").hasSize(1 + 100 + 2);
    }
  }

  @Test
  void storedMessagesSurviveReopening() {
    try (Outbox o = new Outbox(dir.resolve("o.db"), 100, 100)) {
      o.append(Priority.EVENT, "e", b("kept"));
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
      o.append(Priority.PANIC, "e", b("p"));
      long t0 = System.nanoTime();
      o.awaitChange(seen, 5_000);
      assertThat((System.nanoTime() - t0) / 1_000_000).as("no lost wake-up").isLessThan(1_000);
    }
  }
}
