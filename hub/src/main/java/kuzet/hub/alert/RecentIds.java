package kuzet.hub.alert;

import java.util.LinkedHashSet;

/** The newest N ids seen, oldest evicted first: dedup memory with a fixed bound. */
public final class RecentIds {
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();
  private final int capacity;

  public RecentIds(int capacity) {
    this.capacity = capacity;
  }

  public boolean contains(String id) {
    return ids.contains(id);
  }

  public void add(String id) {
    if (ids.add(id) && ids.size() > capacity) {
      ids.remove(ids.iterator().next());
    }
  }
}
