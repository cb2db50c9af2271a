package kuzet.hub.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import kuzet.store.Database;
import kuzet.store.Dialect;
import kuzet.hub.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seeded 90 days of 60 posts in 3 districts ({@link SeededHistory}), analysed on both databases; every
 * expected number is counted by hand from the seed's rules, not recomputed by the seed's code.
 */
class AnalysisTest {
  static final ZoneId ALMATY = ZoneOffset.ofHours(5);
  static final LocalDate START = LocalDate.parse("2026-09-01");
  static final LocalDate END = START.plusDays(90);

  @TempDir
  static Path dir;
  private static final Map<Dialect, Database> SEEDED = new EnumMap<>(Dialect.class);

  static synchronized Database seeded(Dialect dialect) throws Exception {
    if (!SEEDED.containsKey(dialect)) {
      Database db = Database.open(TestDatabases.fresh(dialect, dir));
      new SeededHistory(60, 90, START, ALMATY).write(db);
      SEEDED.put(dialect, db);
    }
    return SEEDED.get(dialect);
  }

  @AfterAll
  static void close() {
    SEEDED.values().forEach(Database::close);
  }

  static Analysis analyse(Dialect dialect, LocalDate from, LocalDate to, String district, Set<String> posts)
      throws Exception {
    Database db = seeded(dialect);
    return db.callAndWait(c -> Analysis.query(c, new Scope(from, to, district, posts, ALMATY)));
  }

  static Analysis whole(Dialect dialect) throws Exception {
    return analyse(dialect, START, END, null, Set.of());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void whereCountsPressesFalsePressesTamperAndDoorPerPostAndDistrict(Dialect dialect) throws Exception {
    Where where = whole(dialect).where();
    assertThat(where.posts()).hasSize(60);
    assertThat(where.posts().subList(0, 3)).extracting(Where.Place::postId, Where.Place::presses, Where.Place::falsePresses)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alatau-00", 32L, 30L),
            org.assertj.core.groups.Tuple.tuple("alatau-01", 32L, 30L),
            org.assertj.core.groups.Tuple.tuple("alatau-02", 32L, 30L));
    assertThat(where.posts().stream().mapToLong(Where.Place::presses).sum()).isEqualTo(210);
    assertThat(where.posts()).filteredOn(p -> p.postId().equals("bostandyk-00")).singleElement()
        .satisfies(p -> assertThat(p.tamperEvents()).isEqualTo(3));
    assertThat(where.posts()).filteredOn(p -> p.postId().equals("bostandyk-01")).singleElement()
        .satisfies(p -> assertThat(p.doorEvents()).isEqualTo(180));
    assertThat(where.districts()).extracting(Where.Place::district, Where.Place::posts, Where.Place::presses,
            Where.Place::falsePresses, Where.Place::tamperEvents, Where.Place::doorEvents)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Alatau", 20, 130L, 90L, 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("Bostandyk", 20, 40L, 0L, 3L, 180L),
            org.assertj.core.groups.Tuple.tuple("Medeu", 20, 40L, 0L, 0L, 0L));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void whenPutsPressesInTheirWeekdayAndHourAndDay(Dialect dialect) throws Exception {
    When when = whole(dialect).when();
    assertThat(when.days()).hasSize(90).startsWith(START).endsWith(END.minusDays(1));
    When.Series panic = when.types().get(0);
    assertThat(panic.type()).isEqualTo("PANIC");
    assertThat(panic.total()).isEqualTo(210);
    long[] at22 = new long[7];
    long at14 = 0;
    for (int d = 0; d < 7; d++) {
      at22[d] = panic.weekdayHour()[d][22];
      at14 += panic.weekdayHour()[d][14];
    }
    // 2026-09-01 is a Tuesday; the 30 hot-spot days (every third) fall 5 times on Tuesday and Friday, 4 on others
    assertThat(at22).containsExactly(12, 15, 12, 12, 15, 12, 12);
    assertThat(at14).isEqualTo(120);
    assertThat(panic.perDay()[0]).isEqualTo(5);
    assertThat(panic.perDay()[1]).isEqualTo(2);
    assertThat(when.type("TAMPER").total()).isEqualTo(3);
    // days 10, 20 and 30 are a Friday, a Monday and a Thursday
    assertThat(new long[] {when.type("TAMPER").weekdayHour()[4][3], when.type("TAMPER").weekdayHour()[0][3],
        when.type("TAMPER").weekdayHour()[3][3]}).containsExactly(1, 1, 1);
    assertThat(when.type("MAINS_LOST").total()).isEqualTo(4);
    long at10 = 0;
    for (int d = 0; d < 7; d++) {
      at10 += when.type("MAINS_LOST").weekdayHour()[d][10];
    }
    assertThat(at10).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void howFastGivesMediansAndNinetiethPercentilesPerDistrictAndTheSlowestIncidents(Dialect dialect) throws Exception {
    Fast fast = whole(dialect).fast();
    assertThat(fast.all().incidents()).isEqualTo(210);
    assertThat(fast.all().fromPress()).isEqualTo(new Fast.Speed(210, 2L, 2L));
    assertThat(fast.all().toAcknowledge()).isEqualTo(new Fast.Speed(210, 30L, 60L));
    assertThat(fast.all().toDispatch()).isEqualTo(new Fast.Speed(120, 120L, 120L));
    assertThat(fast.all().toResolve()).isEqualTo(new Fast.Speed(210, 1800L, 1800L));
    assertThat(fast.districts()).extracting(Fast.Timing::district).containsExactly("Alatau", "Bostandyk", "Medeu");
    Fast.Timing alatau = fast.districts().get(0);
    assertThat(alatau.fromPress()).isEqualTo(new Fast.Speed(130, 1L, 2L));
    assertThat(alatau.toAcknowledge()).isEqualTo(new Fast.Speed(130, 60L, 60L));
    assertThat(alatau.toResolve()).isEqualTo(new Fast.Speed(130, 600L, 1800L));
    assertThat(fast.districts().get(1).toAcknowledge()).isEqualTo(new Fast.Speed(40, 30L, 30L));
    Fast.Timing medeu = fast.districts().get(2);
    assertThat(medeu.toAcknowledge()).isEqualTo(new Fast.Speed(40, 30L, 300L));
    assertThat(medeu.toDispatch()).isEqualTo(new Fast.Speed(40, 120L, 900L));
    assertThat(fast.posts()).hasSize(60);
    assertThat(fast.posts().subList(0, 4)).extracting(Fast.Timing::postId)
        .containsExactly("medeu-00", "medeu-01", "medeu-02", "medeu-03");
    assertThat(fast.posts().get(0).toAcknowledge()).isEqualTo(new Fast.Speed(2, 300L, 300L));
    assertThat(fast.slowest()).hasSize(10);
    assertThat(fast.slowest().subList(0, 8)).allSatisfy(r -> assertThat(r.secondsToAcknowledge()).isEqualTo(300));
    assertThat(fast.slowest().subList(8, 10)).allSatisfy(r -> assertThat(r.secondsToAcknowledge()).isEqualTo(60));
    assertThat(fast.unacknowledged()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void howWellGivesAvailabilityOutagesDarkNightsFaultsAndSelfTests(Dialect dialect) throws Exception {
    Well well = whole(dialect).well();
    assertThat(well.all().availabilityPct()).isEqualTo(99.72);
    assertThat(well.all().mainsOutages()).isEqualTo(5);
    assertThat(well.all().mainsOutMinutes()).isEqualTo(600);
    assertThat(well.all().litMinutes()).isEqualTo(59 * 90 * 1020);
    assertThat(well.all().lampFaults()).isEqualTo(3);
    assertThat(well.all().sensorFaults()).isEqualTo(2);
    assertThat(well.all().selfTestsFailed()).isEqualTo(10);
    assertThat(well.all().selfTestsPassed()).isEqualTo(58 * 90 + 80 + 60);
    assertThat(well.all().daysWithoutSelfTest()).isEqualTo(30);
    Well.Health worst = well.posts().get(0);
    assertThat(worst.postId()).isEqualTo("alatau-10");
    assertThat(worst.availabilityPct()).isEqualTo(83.33);
    assertThat(well.districts()).extracting(Well.Health::district, Well.Health::availabilityPct)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Alatau", 99.17),
            // equally available: the one with dark nights first
            org.assertj.core.groups.Tuple.tuple("Medeu", 100.0), org.assertj.core.groups.Tuple.tuple("Bostandyk", 100.0));
    Well.Health dark = post(well, "medeu-10");
    // never lit: every night minute is dark; Almaty's nights in autumn are 10 to 15 hours
    assertThat(dark.litMinutes()).isZero();
    assertThat(dark.darkNightMinutes()).isEqualTo(dark.nightMinutes()).isBetween(90 * 600L, 90 * 900L);
    assertThat(well.all().darkNightMinutes()).isEqualTo(dark.darkNightMinutes());
    assertThat(post(well, "bostandyk-10")).extracting(Well.Health::mainsOutages, Well.Health::mainsOutMinutes)
        .containsExactly(4L, 480L);
    assertThat(post(well, "bostandyk-11")).extracting(Well.Health::mainsOutages, Well.Health::mainsOutMinutes)
        .containsExactly(1L, 120L);
    assertThat(post(well, "medeu-15")).extracting(Well.Health::selfTestsFailed, Well.Health::selfTestsPassed)
        .containsExactly(10L, 80L);
    assertThat(post(well, "medeu-16").daysWithoutSelfTest()).isEqualTo(30);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void beforeAndAfterComparesTheSameDistrictOverTwoMonths(Dialect dialect) throws Exception {
    Database db = seeded(dialect);
    Scope before = new Scope(START, START.plusDays(30), "Alatau", Set.of(), ALMATY);
    Comparison cmp = db.callAndWait(c -> Comparison.query(c, before, before.withPeriod(START.plusDays(30),
        START.plusDays(60))));
    assertThat(change(cmp, "presses")).isEqualTo(new Comparison.Change("presses", 50L, 45L, -5.0, -10.0));
    assertThat(change(cmp, "falsePresses")).isEqualTo(new Comparison.Change("falsePresses", 30L, 30L, 0.0, 0.0));
    assertThat(change(cmp, "availabilityPct")).isEqualTo(new Comparison.Change("availabilityPct", 97.5, 100.0, 2.5, 2.6));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aScopeOfSomePostsCountsOnlyThem(Dialect dialect) throws Exception {
    Analysis a = analyse(dialect, START, END, null, Set.of("alatau-00", "medeu-00"));
    assertThat(a.headline().get("posts")).isEqualTo(2);
    assertThat(a.headline().get("presses")).isEqualTo(34L);
    assertThat(a.fast().districts()).extracting(Fast.Timing::district).containsExactly("Alatau", "Medeu");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void anUnknownDistrictOrPostIsRefusedByName(Dialect dialect) throws Exception {
    assertThatThrownBy(() -> analyse(dialect, START, END, "Nowhere", Set.of()))
        .hasRootCauseMessage("unknown district 'Nowhere'; the districts are: Alatau, Bostandyk, Medeu");
    assertThatThrownBy(() -> analyse(dialect, START, END, "Alatau", Set.of("medeu-01", "nope")))
        .hasRootCauseMessage("posts not in district 'Alatau' or unknown: medeu-01, nope");
  }

  private static Well.Health post(Well well, String id) {
    return well.posts().stream().filter(h -> id.equals(h.postId())).findFirst().orElseThrow();
  }

  private static Comparison.Change change(Comparison c, String measure) {
    return c.changes().stream().filter(x -> x.measure().equals(measure)).findFirst().orElseThrow();
  }
}
