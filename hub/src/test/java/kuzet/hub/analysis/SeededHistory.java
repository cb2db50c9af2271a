package kuzet.hub.analysis;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertStore;
import kuzet.hub.alert.Severity;
import kuzet.registry.JdbcPostRegistry;
import kuzet.registry.PostType;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import kuzet.protocol.PostId;

/**
 * A known history for the analysis, written in bulk through the hub's own stores (posts, alerts with their
 * timelines, press times, and post_days through {@link DayLedger} and {@link RollupStore}). Post i of n is in
 * district i*3/n; the rules below are what {@code AnalysisTest} counts by hand (i100 = i % 100):
 * <ul>
 * <li>every post: a PANIC at 14:00 on days i%30, i%30+45, ... (ack 30 s, dispatch 120 s, resolve 1800 s, pressed 2 s
 *     before receipt); posts 40-43 are slow (ack 300 s, dispatch 900 s)
 * <li>posts 0-2: a PANIC at 22:00 every third day, resolved after 600 s without a unit (false), ack 60 s, lag 1 s
 * <li>i100 20: TAMPER alert and event at 03:00 on days 10, 20, 30; i100 21: two door openings a day
 * <li>i100 10: offline 00:00-12:00 on days 0-29; i100 30: mains out 10:00-12:00 on days 5, 15, 25, 35 (MAINS_LOST alerts);
 *     i100 31: mains out 23:00 on day 50 to 01:00 on day 51
 * <li>lit 00:00-09:00 and 16:00-24:00 every day, except i100 50 (never lit)
 * <li>a passed self-test at 04:00 every day, except i100 55 (failed on days 0-9) and i100 56 (none from day 60);
 *     i100 57: lamp faults on days 1-3; i100 58: sensor faults on days 1-2
 * <li>post 0: a PANIC one second before the period and one at its end (both outside it)
 * </ul>
 */
public final class SeededHistory {
  public static final List<String> DISTRICTS = List.of("Alatau", "Bostandyk", "Medeu");

  private final int posts;
  private final int days;
  private final LocalDate start;
  private final ZoneId zone;

  public SeededHistory(int posts, int days, LocalDate start, ZoneId zone) {
    this.posts = posts;
    this.days = days;
    this.start = start;
    this.zone = zone;
  }

  public String postId(int i) {
    int d = district(i);
    // two digits up to 100 posts a district, so the seed never takes SecuredHub's post alatau-001
    return String.format(Locale.ROOT, posts <= 300 ? "%s-%02d" : "%s-%04d", DISTRICTS.get(d).toLowerCase(Locale.ROOT),
        i - firstOf(d));
  }

  private int district(int i) {
    return i * 3 / posts;
  }

  private int firstOf(int d) {
    return (d * posts + 2) / 3;
  }

  private Instant at(int day, int hour, int minute, int second) {
    return start.plusDays(day).atTime(LocalTime.of(hour, minute, second)).atZone(zone).toInstant();
  }

  public void write(Database db) throws Exception {
    List<RegisteredPost> reg = new ArrayList<>();
    for (int i = 0; i < posts; i++) {
      int d = district(i);
      int j = i - firstOf(d);
      reg.add(new RegisteredPost(PostId.of(postId(i)), PostType.MODULAR_POST, "Post " + postId(i), DISTRICTS.get(d),
          43.15 + 0.05 * d + 0.008 * (j / 5), 76.80 + 0.1 * d + 0.008 * (j % 5), at(-1, 0, 0, 0), null, null, null));
    }
    new JdbcPostRegistry(db).registerAll(reg);
    db.callAndWait(c -> Database.inTransaction(c, tx -> {
      try (PreparedStatement press = tx.prepareStatement("INSERT INTO panic_presses VALUES (?, ?, ?)")) {
        for (int i = 0; i < posts; i++) {
          alerts(tx, press, reg.get(i), i);
        }
        press.executeBatch();
      }
      return null;
    }));
    DayLedger ledger = new DayLedger(new Nights(zone));
    for (int i = 0; i < posts; i++) {
      rollups(ledger, reg.get(i), i);
    }
    db.callAndWait(c -> RollupStore.add(c, ledger.drain()));
  }

  private void alerts(java.sql.Connection c, PreparedStatement press, RegisteredPost p, int i) throws java.sql.SQLException {
    boolean slow = i >= 40 && i <= 43;
    for (int k = i % 30; k < days; k += 45) {
      panic(c, press, p, at(k, 14, 0, i % 60), 2, slow ? 300 : 30, slow ? 900 : 120, 1800);
    }
    if (i <= 2) {
      for (int k = 0; k < days; k += 3) {
        panic(c, press, p, at(k, 22, 0, i), 1, 60, null, 600);
      }
    }
    if (i == 0) {
      panic(c, press, p, at(0, 0, 0, 0).minusSeconds(1), 1, 30, 120, 1800);
      panic(c, press, p, at(days, 0, 0, 0), 1, 30, 120, 1800);
    }
    int i100 = i % 100;
    for (int k : new int[] {10, 20, 30}) {
      if (i100 == 20 && k < days) {
        other(c, p, "TAMPER", at(k, 3, 0, 0));
      }
    }
    for (int k : new int[] {5, 15, 25, 35}) {
      if (i100 == 30 && k < days) {
        other(c, p, "MAINS_LOST", at(k, 10, 0, 0));
      }
    }
  }

  private void panic(java.sql.Connection c, PreparedStatement press, RegisteredPost p, Instant received, int lagS,
                     int ackS, Integer dispatchS, int resolveS) throws java.sql.SQLException {
    UUID incident = UUID.randomUUID();
    Alert a = Alert.open("PANIC", Severity.CRITICAL, p.id().value(), p.name(), p.district(), incident,
        "PANIC:" + incident, received, "seeded").acknowledged(received.plusSeconds(ackS), "duty-a", null);
    if (dispatchS != null) {
      a = a.dispatched(received.plusSeconds(dispatchS), "duty-b", "unit 7");
    }
    AlertStore.upsert(c, a.resolved(received.plusSeconds(resolveS), "duty-c", dispatchS == null ? "false alarm" : "done"));
    press.setString(1, incident.toString());
    press.setString(2, p.id().value());
    press.setString(3, received.minusSeconds(lagS).toString());
    press.addBatch();
  }

  private static void other(java.sql.Connection c, RegisteredPost p, String type, Instant at) throws java.sql.SQLException {
    AlertStore.upsert(c, Alert.open(type, Severity.MAJOR, p.id().value(), p.name(), p.district(), null,
        type + ":" + p.id().value(), at, "seeded").resolved(at.plusSeconds(600), "duty-c", "checked"));
  }

  private void rollups(DayLedger ledger, RegisteredPost p, int i) {
    String id = p.id().value();
    DayLedger.Place place = new DayLedger.Place(p.latitude(), p.longitude());
    int i100 = i % 100;
    for (int k = 0; k < days; k++) {
      if (i100 == 10 && k < 30) {
        ledger.span(id, place, DayMeasure.ONLINE_S, at(k, 12, 0, 0), at(k + 1, 0, 0, 0));
      } else {
        ledger.span(id, place, DayMeasure.ONLINE_S, at(k, 0, 0, 0), at(k + 1, 0, 0, 0));
      }
      if (i100 != 50) {
        ledger.span(id, place, DayMeasure.LIT_S, at(k, 0, 0, 0), at(k, 9, 0, 0));
        ledger.span(id, place, DayMeasure.LIT_S, at(k, 16, 0, 0), at(k + 1, 0, 0, 0));
      }
      if (!(i100 == 56 && k >= 60)) {
        ledger.count(id, place, i100 == 55 && k < 10 ? DayMeasure.SELF_TESTS_FAILED : DayMeasure.SELF_TESTS_PASSED,
            at(k, 4, 0, 0));
      }
      if (i100 == 21) {
        ledger.count(id, place, DayMeasure.DOOR_OPENED, at(k, 8, 0, 0));
        ledger.count(id, place, DayMeasure.DOOR_OPENED, at(k, 18, 0, 0));
      }
      if ((i100 == 20 && (k == 10 || k == 20 || k == 30))) {
        ledger.count(id, place, DayMeasure.TAMPER, at(k, 3, 0, 0));
      }
      if (i100 == 30 && (k == 5 || k == 15 || k == 25 || k == 35)) {
        ledger.count(id, place, DayMeasure.MAINS_OUTAGES, at(k, 10, 0, 0));
        ledger.span(id, place, DayMeasure.MAINS_OUT_S, at(k, 10, 0, 0), at(k, 12, 0, 0));
      }
      if (i100 == 31 && k == 50) {
        ledger.count(id, place, DayMeasure.MAINS_OUTAGES, at(k, 23, 0, 0));
        ledger.span(id, place, DayMeasure.MAINS_OUT_S, at(k, 23, 0, 0), at(k + 1, 1, 0, 0));
      }
      if (i100 == 57 && k >= 1 && k <= 3) {
        ledger.count(id, place, DayMeasure.LAMP_FAULTS, at(k, 5, 0, 0));
      }
      if (i100 == 58 && k >= 1 && k <= 2) {
        ledger.count(id, place, DayMeasure.SENSOR_FAULTS, at(k, 5, 0, 0));
      }
    }
  }
}
