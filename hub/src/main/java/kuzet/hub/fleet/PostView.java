package kuzet.hub.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kuzet.protocol.Readings;

/**
 * A post as the API shows it; {@code history} and {@code events} only in the detail view. {@code inAlert}
 * means an alarm (not a maintenance notice) is active; {@code alarmPriority} is the highest such alarm's.
 * {@code configVersion} is the CONFIG version the post last reported running; {@code config} what the hub wants it to
 * run, when the hub manages any of its settings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostView(
    String id,
    String name,
    String district,
    String type,
    double latitude,
    double longitude,
    PostStatus status,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastSeen,
    @JsonInclude(JsonInclude.Include.ALWAYS) String agentVersion,
    @JsonInclude(JsonInclude.Include.ALWAYS) String bootId,
    @JsonInclude(JsonInclude.Include.ALWAYS) Boolean hubReachable,
    Readings readings,
    long openAlerts,
    boolean inAlert,
    String alarmPriority,
    Long configVersion,
    PostConfigStatus config,
    Map<String, List<List<Object>>> history,
    List<EventView> events) {

  /** One recent event of a post. */
  public record EventView(Instant ts, String kind, String eventId, Map<String, String> attributes) {}
}
