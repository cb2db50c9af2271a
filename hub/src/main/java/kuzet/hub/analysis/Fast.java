package kuzet.hub.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How fast: for PANIC incidents, press to receipt by the hub, and receipt to acknowledged, to a unit
 * dispatched and to resolved, as median and 90th percentile (nearest rank) for the whole area, per district
 * and per post; the slowest to be acknowledged; how many were never acknowledged.
 */
public record Fast(Timing all, List<Timing> districts, List<Timing> posts, List<IncidentRow> slowest,
                   long unacknowledged) {
  public static final int SLOWEST = 10;

  public record Speed(int n, Long medianS, Long p90S) {}

  /** district null for the whole area; postId null unless one post. */
  public record Timing(String district, String postId, int incidents, Speed fromPress, Speed toAcknowledge,
                       Speed toDispatch, Speed toResolve) {}

  static Fast of(Area area, List<IncidentRow> rows) {
    Map<String, List<IncidentRow>> byDistrict = new TreeMap<>();
    Map<String, List<IncidentRow>> byPost = new TreeMap<>();
    for (IncidentRow r : rows) {
      byDistrict.computeIfAbsent(area.districtOf(r.postId()), k -> new ArrayList<>()).add(r);
      byPost.computeIfAbsent(r.postId(), k -> new ArrayList<>()).add(r);
    }
    List<Timing> districts = new ArrayList<>();
    byDistrict.forEach((d, rs) -> districts.add(timing(d, null, rs)));
    List<Timing> posts = new ArrayList<>();
    byPost.forEach((p, rs) -> posts.add(timing(area.districtOf(p), p, rs)));
    posts.sort(Comparator.comparing((Timing t) -> t.toAcknowledge().p90S(), Comparator.nullsFirst(Comparator.reverseOrder()))
        .thenComparing(Timing::postId));
    List<IncidentRow> slowest = rows.stream().filter(r -> r.acknowledgedAt() != null)
        .sorted(Comparator.comparing(IncidentRow::secondsToAcknowledge).reversed()
            .thenComparing(IncidentRow::receivedAt))
        .limit(SLOWEST).toList();
    long unacknowledged = rows.stream().filter(r -> r.acknowledgedAt() == null).count();
    return new Fast(timing(null, null, rows), districts, posts, slowest, unacknowledged);
  }

  static Timing timing(String district, String postId, List<IncidentRow> rows) {
    return new Timing(district, postId, rows.size(), speed(rows, IncidentRow::secondsFromPress),
        speed(rows, IncidentRow::secondsToAcknowledge), speed(rows, IncidentRow::secondsToDispatch),
        speed(rows, IncidentRow::secondsToResolve));
  }

  private static Speed speed(List<IncidentRow> rows, Function<IncidentRow, Long> f) {
    List<Long> s = rows.stream().map(f).filter(Objects::nonNull).sorted().toList();
    return new Speed(s.size(), Percentiles.nearestRank(s, 0.5), Percentiles.nearestRank(s, 0.9));
  }
}
