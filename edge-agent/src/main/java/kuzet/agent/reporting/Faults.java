package kuzet.agent.reporting;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What is missing or failing at this post right now, by part name. Birth and telemetry carry the names, so the hub
 * sees a degraded post as degraded on every message, not only in the one event that announced the fault.
 */
public final class Faults {
  private final Map<String, String> current = new ConcurrentSkipListMap<>();

  /** Records a fault; true when the part was not faulty before (so the caller reports it once). */
  public boolean add(String part, String reason) {
    return current.put(part, reason) == null;
  }

  /** The part works again; true when it had been faulty. */
  public boolean clear(String part) {
    return current.remove(part) != null;
  }

  /** The faulty parts' names, sorted. */
  public List<String> names() {
    return List.copyOf(current.keySet());
  }
}
