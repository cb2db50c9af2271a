package kuzet.agent.link;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import kuzet.protocol.HubStatus;

/**
 * The hubs this post has heard on the presence topic since it last connected, by hub id. Several active hubs share
 * the topic, so one hub's Will (OFFLINE) must not make the post think the whole centre is down while another hub
 * says ONLINE. Forgotten when the broker connection drops: after a reconnect the retained message and the hubs'
 * answers to the post's birth (a birth that says the hub is unreachable makes every hub announce itself) rebuild it,
 * so a hub that died while the post was away is never counted as up.
 */
public final class HubRoster {
  /** More hubs than any centre runs; bounds what a stream of made-up hub ids could make the post keep. */
  static final int MAX_HUBS = 32;

  private final Map<String, HubStatus.State> states = new LinkedHashMap<>();

  public synchronized void heard(HubStatus status) {
    states.remove(status.hubId());
    states.put(status.hubId(), status.state());
    Iterator<String> oldest = states.keySet().iterator();
    while (states.size() > MAX_HUBS) {
      oldest.next();
      oldest.remove();
    }
  }

  public synchronized void forget() {
    states.clear();
  }

  /** ONLINE while any hub heard says so; OFFLINE when all heard are offline; null when none was heard. */
  public synchronized HubStatus.State state() {
    if (states.containsValue(HubStatus.State.ONLINE)) {
      return HubStatus.State.ONLINE;
    }
    return states.isEmpty() ? null : HubStatus.State.OFFLINE;
  }
}
