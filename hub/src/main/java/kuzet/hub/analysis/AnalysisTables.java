package kuzet.hub.analysis;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every table of the analysis as CSV, by name (the names are the API's {table} values). */
public final class AnalysisTables {
  private record Table(List<String> header, Function<Analysis, List<List<Object>>> rows) {}

  private static final List<String> PLACE = List.of("district", "post_id", "post_name", "latitude", "longitude", "posts",
      "presses", "false_presses", "tamper_events", "door_events");
  private static final List<String> TIMING = List.of("district", "post_id", "incidents", "from_press_median_s",
      "from_press_p90_s", "to_acknowledge_median_s", "to_acknowledge_p90_s", "to_dispatch_median_s", "to_dispatch_p90_s",
      "to_resolve_median_s", "to_resolve_p90_s");
  private static final List<String> HEALTH = List.of("district", "post_id", "post_name", "posts", "availability_pct",
      "mains_outages", "mains_out_minutes", "lit_minutes", "night_minutes", "dark_night_minutes", "lamp_faults",
      "sensor_faults", "self_tests_passed", "self_tests_failed", "days_without_self_test");

  private static final Map<String, Table> TABLES = Map.of(
      "where-posts", new Table(PLACE, a -> places(a.where().posts())),
      "where-districts", new Table(PLACE, a -> places(a.where().districts())),
      "when-matrix", new Table(List.of("type", "weekday", "hour", "count"), AnalysisTables::matrix),
      "when-daily", new Table(List.of("day", "type", "count"), AnalysisTables::daily),
      "fast-districts", new Table(TIMING, a -> timings(concat(a.fast().all(), a.fast().districts()))),
      "fast-posts", new Table(TIMING, a -> timings(a.fast().posts())),
      "fast-slowest", new Table(IncidentCsv.HEADER, a -> IncidentCsv.rows(a.fast().slowest())),
      "well-posts", new Table(HEALTH, a -> health(a.well().posts())),
      "well-districts", new Table(HEALTH, a -> health(concat(a.well().all(), a.well().districts()))));

  private AnalysisTables() {}

  public static List<String> names() {
    return TABLES.keySet().stream().sorted().toList();
  }

  /** The table as CSV; an unknown name is refused, listing the known ones. */
  public static String csv(String name, Analysis a) {
    Table t = TABLES.get(name);
    if (t == null) {
      throw new IllegalArgumentException("unknown table '" + (name.length() > 40 ? name.substring(0, 37) + "..." : name)
          + "'; the tables are: " + String.join(", ", names()));
    }
    return Csv.render(t.header(), t.rows().apply(a));
  }

  public static String csv(Comparison c) {
    List<List<Object>> rows = new ArrayList<>();
    for (Comparison.Change ch : c.changes()) {
      rows.add(Arrays.asList(ch.measure(), ch.before(), ch.after(), ch.change(), ch.changePct()));
    }
    return Csv.render(List.of("measure", "before", "after", "change", "change_pct"), rows);
  }

  private static <T> List<T> concat(T first, List<T> rest) {
    List<T> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private static List<List<Object>> places(List<Where.Place> places) {
    return places.stream().map(p -> Arrays.<Object>asList(p.district(), p.postId(), p.name(), p.latitude(),
        p.longitude(), p.posts(), p.presses(), p.falsePresses(), p.tamperEvents(), p.doorEvents())).toList();
  }

  private static List<List<Object>> matrix(Analysis a) {
    List<List<Object>> rows = new ArrayList<>();
    for (When.Series s : a.when().types()) {
      for (int d = 0; d < 7; d++) {
        for (int h = 0; h < 24; h++) {
          rows.add(List.of(s.type(), DayOfWeek.of(d + 1).name(), h, s.weekdayHour()[d][h]));
        }
      }
    }
    return rows;
  }

  private static List<List<Object>> daily(Analysis a) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < a.when().days().size(); i++) {
      for (When.Series s : a.when().types()) {
        rows.add(List.of(a.when().days().get(i).toString(), s.type(), s.perDay()[i]));
      }
    }
    return rows;
  }

  private static List<List<Object>> timings(List<Fast.Timing> ts) {
    return ts.stream().map(t -> Arrays.<Object>asList(t.district(), t.postId(), t.incidents(), t.fromPress().medianS(),
        t.fromPress().p90S(), t.toAcknowledge().medianS(), t.toAcknowledge().p90S(), t.toDispatch().medianS(),
        t.toDispatch().p90S(), t.toResolve().medianS(), t.toResolve().p90S())).toList();
  }

  private static List<List<Object>> health(List<Well.Health> hs) {
    return hs.stream().map(h -> Arrays.<Object>asList(h.district(), h.postId(), h.name(), h.posts(),
        h.availabilityPct(), h.mainsOutages(), h.mainsOutMinutes(), h.litMinutes(), h.nightMinutes(),
        h.darkNightMinutes(), h.lampFaults(), h.sensorFaults(), h.selfTestsPassed(), h.selfTestsFailed(),
        h.daysWithoutSelfTest())).toList();
  }
}
