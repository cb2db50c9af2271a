package kuzet.hub.alert;

import java.util.LinkedHashSet;

/** The newest N ids seen, oldest evicted first: dedup memory with a fixed bound. */
final class RecentIds {
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();
  private final int capacity;

  RecentIds(int capacity) {
    this.capacity = capacity;
  }

  boolean contains(String id) {
    return ids.contains(id);
  }

  void add(String id) {
    if (ids.add(id) && ids.size() > capacity) {
      ids.remove(ids.iterator().next());
    }
  }
}
