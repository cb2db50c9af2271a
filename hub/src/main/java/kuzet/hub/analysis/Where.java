package kuzet.hub.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Where: presses and events per post (with its place, for the map) and per district, busiest first. */
public record Where(List<Place> posts, List<Place> districts) {
  /** One post (postId set) or one district (postId null, posts = how many). */
  public record Place(String district, String postId, String name, Double latitude, Double longitude, int posts,
                      long presses, long falsePresses, long tamperEvents, long doorEvents) {
    Place plus(Place o) {
      return new Place(district, null, null, null, null, posts + o.posts, presses + o.presses,
          falsePresses + o.falsePresses, tamperEvents + o.tamperEvents, doorEvents + o.doorEvents);
    }
  }

  static final Comparator<Place> BUSIEST = Comparator.comparingLong(Place::presses).reversed()
      .thenComparing(Comparator.comparingLong((Place p) -> p.tamperEvents() + p.doorEvents()).reversed())
      .thenComparing(p -> p.postId() == null ? p.district() : p.postId());

  static Where of(Area area, List<IncidentRow> panics, Map<String, RollupSums> rollups) {
    Map<String, long[]> presses = new TreeMap<>();
    for (IncidentRow r : panics) {
      long[] n = presses.computeIfAbsent(r.postId(), k -> new long[2]);
      n[0]++;
      n[1] += r.resolvedWithoutDispatch() ? 1 : 0;
    }
    List<Place> posts = new ArrayList<>();
    Map<String, Place> districts = new TreeMap<>();
    for (Area.Post p : area.posts().values()) {
      long[] n = presses.getOrDefault(p.id(), new long[2]);
      RollupSums s = rollups.getOrDefault(p.id(), RollupSums.NONE);
      Place place = new Place(p.district(), p.id(), p.name(), p.latitude(), p.longitude(), 1, n[0], n[1],
          s.get(DayMeasure.TAMPER), s.get(DayMeasure.DOOR_OPENED));
      posts.add(place);
      districts.merge(p.district(), new Place(p.district(), null, null, null, null, 0, 0, 0, 0, 0).plus(place),
          Place::plus);
    }
    posts.sort(BUSIEST);
    List<Place> ds = new ArrayList<>(districts.values());
    ds.sort(BUSIEST);
    return new Where(posts, ds);
  }
}
