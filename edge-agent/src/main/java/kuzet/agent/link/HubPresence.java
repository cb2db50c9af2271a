package kuzet.agent.link;

import kuzet.protocol.HubStatus;

/** What the post knows about the hub, from the retained presence topic and its own connection. */
public enum HubPresence {
  /** Connected to the broker and the hub says ONLINE. */
  REACHABLE,
  /** Connected to the broker, but the hub is OFFLINE or has never announced itself. */
  HUB_DOWN,
  /** No broker connection. */
  NO_BROKER;

  public static HubPresence of(boolean brokerConnected, HubStatus.State lastHubState) {
    if (!brokerConnected) {
      return NO_BROKER;
    }
    return lastHubState == HubStatus.State.ONLINE ? REACHABLE : HUB_DOWN;
  }
}
