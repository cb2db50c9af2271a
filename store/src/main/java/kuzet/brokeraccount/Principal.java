package kuzet.brokeraccount;

import kuzet.protocol.PostId;

/** Who is on the other end of an MQTT connection, once the broker has authenticated it. */
public sealed interface Principal {

  /** The hub's own account. */
  record Hub() implements Principal {}

  /** A registered, not revoked post. */
  record Device(PostId postId) implements Principal {}
}
