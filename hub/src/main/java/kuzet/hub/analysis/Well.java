package kuzet.hub.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well the posts work, from the daily rollups: availability (share of the period online), mains outages,
 * lighting against the sunset-to-sunrise hours (dark night minutes: night without the floodlights on, a
 * finding), lamp and sensor faults, failed self-tests and days without any self-test. Worst availability first.
 */
public record Well(Health all, List<Health> districts, List<Health> posts) {
  /** district null for the whole area; postId null unless one post. */
  public record Health(String district, String postId, String name, int posts, double availabilityPct,
                       long mainsOutages, long mainsOutMinutes, long litMinutes, long nightMinutes,
                       long darkNightMinutes, long lampFaults, long sensorFaults, long selfTestsPassed,
                       long selfTestsFailed, long daysWithoutSelfTest) {}

  static Well of(Scope scope, Area area, Map<String, RollupSums> rollups) {
    List<Health> posts = new ArrayList<>();
    Map<String, RollupSums> byDistrict = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    RollupSums total = RollupSums.NONE;
    for (Area.Post p : area.posts().values()) {
      RollupSums s = rollups.getOrDefault(p.id(), RollupSums.NONE);
      posts.add(health(scope, p.district(), p.id(), p.name(), 1, s));
      byDistrict.merge(p.district(), s, RollupSums::plus);
      counts.merge(p.district(), 1, Integer::sum);
      total = total.plus(s);
    }
    Comparator<Health> worst = Comparator.comparingDouble(Health::availabilityPct)
        .thenComparing(Comparator.comparingLong(Health::darkNightMinutes).reversed())
        .thenComparing(h -> h.postId() == null ? h.district() : h.postId());
    posts.sort(worst);
    List<Health> districts = new ArrayList<>();
    byDistrict.forEach((d, s) -> districts.add(health(scope, d, null, null, counts.get(d), s)));
    districts.sort(worst);
    return new Well(health(scope, null, null, null, area.posts().size(), total), districts, posts);
  }

  private static Health health(Scope scope, String district, String postId, String name, int posts, RollupSums s) {
    long possible = posts * scope.days() * 86_400L;
    double availability = possible == 0 ? 0 : BigDecimal.valueOf(s.get(DayMeasure.ONLINE_S) * 100L)
        .divide(BigDecimal.valueOf(possible), 2, RoundingMode.HALF_UP).doubleValue();
    return new Health(district, postId, name, posts, availability, s.get(DayMeasure.MAINS_OUTAGES),
        minutes(s.get(DayMeasure.MAINS_OUT_S)), minutes(s.get(DayMeasure.LIT_S)), minutes(s.nightS()),
        minutes(s.nightS() - s.get(DayMeasure.NIGHT_LIT_S)), s.get(DayMeasure.LAMP_FAULTS),
        s.get(DayMeasure.SENSOR_FAULTS), s.get(DayMeasure.SELF_TESTS_PASSED), s.get(DayMeasure.SELF_TESTS_FAILED),
        posts * scope.days() - s.testedDays());
  }

  private static long minutes(long seconds) {
    return Math.round(seconds / 60.0);
  }
}
