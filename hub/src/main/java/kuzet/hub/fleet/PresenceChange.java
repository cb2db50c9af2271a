package kuzet.hub.fleet;

import java.time.Instant;
import kuzet.protocol.PostId;

/** A post went online or offline; {@code reason} says how the hub learned it (birth, will, shutdown, heartbeat). */
public record PresenceChange(PostId postId, boolean online, String reason, Instant at) {}
