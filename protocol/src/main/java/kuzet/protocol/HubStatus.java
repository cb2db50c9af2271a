package kuzet.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The hub's presence, retained on {@code {root}/_hub/status}: ONLINE when it starts, OFFLINE as its Will
 * and on clean shutdown. Lets a post tell "hub down" from "network down" (Sparkplug's STATE).
 */
public record HubStatus(
    @JsonProperty(required = true) Instant ts,
    @JsonProperty(required = true) String bootId,
    @JsonProperty(required = true) long seq,
    @JsonProperty(required = true) String hubId,
    @JsonProperty(required = true) State state) implements Message {

  public enum State { ONLINE, OFFLINE }

  public HubStatus {
    Envelope.check(ts, bootId, seq);
    Envelope.text(hubId, "hubId", 64);
    Envelope.required(state, "state");
  }
}
