package kuzet.hub.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the analysis and its PDF take on a year of history for 1,000 posts (docs/benchmarks.md). Its name
 * does not end in Test, so ./run test skips it. Settings: -Dbench.posts (1000), -Dbench.days (365),
 * -Dbench.dialect (SQLITE or POSTGRESQL), -Dbench.runs (5); results in hub/target/analysis-bench.txt.
 */
class AnalysisBenchmark {
  @TempDir
  Path dir;

  @Test
  void analysisAndPdfOfOneDistrictOverAYear() throws Exception {
    int posts = Integer.getInteger("bench.posts", 1_000);
    int days = Integer.getInteger("bench.days", 365);
    int runs = Integer.getInteger("bench.runs", 5);
    Dialect dialect = Dialect.valueOf(System.getProperty("bench.dialect", "SQLITE").toUpperCase(Locale.ROOT));
    LocalDate start = LocalDate.parse("2026-01-01");
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "%s, %d posts, %d days, %d runs each, load %s", dialect, posts, days, runs,
        Files.readString(Path.of("/proc/loadavg")).trim()));
    try (Database db = Database.open(TestDatabases.fresh(dialect, dir))) {
      long t0 = System.nanoTime();
      new SeededHistory(posts, days, start, ZoneOffset.ofHours(5)).write(db);
      out.add(String.format(Locale.ROOT, "seed: %.1f s", (System.nanoTime() - t0) / 1e9));
      Scope district = new Scope(start, start.plusDays(days), "Alatau", Set.of(), ZoneOffset.ofHours(5));
      Scope city = new Scope(start, start.plusDays(days), null, Set.of(), ZoneOffset.ofHours(5));
      time(out, "analysis, one district", runs, () -> db.withConnection(c -> Analysis.query(c, district)));
      time(out, "analysis, whole city", runs, () -> db.withConnection(c -> Analysis.query(c, city)));
      Analysis a = db.withConnection(c -> Analysis.query(c, district));
      time(out, "PDF of the district's analysis (rendering only)", runs, () -> AnalysisPdf.render(a));
      time(out, "before/after, one district, two half-years", runs, () -> db.withConnection(c -> Comparison.query(c,
          district.withPeriod(start, start.plusDays(days / 2)), district.withPeriod(start.plusDays(days / 2),
              start.plusDays(days)))));
    }
    Files.write(Path.of("target", "analysis-bench.txt"), out);
    out.forEach(System.out::println);
  }

  interface Work {
    Object run() throws Exception;
  }

  private static void time(List<String> out, String what, int runs, Work w) throws Exception {
    long first = 0;
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      long t = System.nanoTime();
      w.run();
      long ms = (System.nanoTime() - t) / 1_000_000;
      if (i == 0) {
        first = ms;
      } else {
        warm.add(ms);
      }
    }
    warm.sort(null);
    out.add(String.format(Locale.ROOT, "%s: first %d ms, then median %d ms, max %d ms", what, first,
        warm.get(warm.size() / 2), warm.get(warm.size() - 1)));
  }
}
