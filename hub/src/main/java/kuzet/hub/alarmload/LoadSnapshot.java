package kuzet.hub.alarmload;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.Severity;

/**
 * The operator's alarm load at one moment, as the supervisor page and the board's flood banner show it.
 *
 * @param band "acceptable" (at most 1 alarm in 10 minutes), "demanding" (up to 10), "flood" (more than 10)
 * @param flood while in a flood, what the last 10 minutes' alarms were, by type and by district
 */
public record LoadSnapshot(Instant at, long lastTenMinutes, String band, long lastDay,
                           Map<String, Double> shareByPriority, Long medianAckSeconds, Long slowestAckSeconds,
                           List<Standing> standing, List<Source> topSources, Flood flood) {

  public record Standing(String id, String type, String postId, String postName, Instant openedAt, long minutes) {}

  public record Source(String postId, String postName, long alarms) {}

  public record Flood(Map<String, Long> byType, Map<String, Long> byDistrict) {}

  static LoadSnapshot of(Instant now, List<Alert> raisedToday, List<Duration> acks, List<Alert> active) {
    List<Alert> today = raisedToday.stream().filter(a -> !a.openedAt().isBefore(now.minus(AlarmLoad.DAY))).toList();
    List<Alert> recent = today.stream().filter(a -> !a.openedAt().isBefore(now.minus(AlarmLoad.TEN_MINUTES))).toList();
    Map<String, Double> share = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      share.put(s.name(), today.isEmpty() ? 0.0 : today.stream().filter(a -> a.severity() == s).count() / (double) today.size());
    }
    List<Long> sorted = acks.stream().map(Duration::toSeconds).sorted().toList();
    List<Standing> standing = active.stream()
        .filter(a -> a.openedAt().isBefore(now.minus(AlarmLoad.STANDING)))
        .sorted(Comparator.comparing(Alert::openedAt))
        .map(a -> new Standing(a.id().toString(), a.type(), a.postId(), a.postName(), a.openedAt(),
            Duration.between(a.openedAt(), now).toMinutes()))
        .toList();
    List<Source> top = today.stream().collect(Collectors.groupingBy(Alert::postId, Collectors.toList())).values().stream()
        .map(l -> new Source(l.get(0).postId(), l.get(0).postName(), l.size()))
        .sorted(Comparator.comparingLong(Source::alarms).reversed().thenComparing(Source::postId)).limit(10).toList();
    long n = recent.size();
    Flood flood = n > AlarmLoad.FLOOD ? new Flood(count(recent, Alert::type), count(recent, a -> String.valueOf(a.district()))) : null;
    return new LoadSnapshot(now, n, n <= 1 ? "acceptable" : n <= AlarmLoad.FLOOD ? "demanding" : "flood", today.size(),
        share, sorted.isEmpty() ? null : sorted.get(sorted.size() / 2), sorted.isEmpty() ? null : sorted.get(sorted.size() - 1),
        standing, top, flood);
  }

  private static Map<String, Long> count(List<Alert> alerts, Function<Alert, String> by) {
    return alerts.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
  }
}
