package kuzet.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Topic names and filters under a configurable root (default {@code posts}).
 *
 * <pre>
 *   {root}/{postId}/status | telemetry | events | commands | commands/ack | config
 *   {root}/_hub/status      hub presence (the underscore keeps it out of the postId grammar)
 * </pre>
 */
public final class Topics {
  public static final String DEFAULT_ROOT = "posts";
  public static final String HUB_LEVEL = "_hub";
  private static final Pattern ROOT = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String root;

  public Topics(String root) {
    if (root == null || !ROOT.matcher(root).matches()) {
      throw new IllegalArgumentException("topic root '" + root
          + "' is not valid: use letters, digits, '_' and '-', levels separated by '/', no wildcards");
    }
    this.root = root;
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_ROOT);
  }

  public String root() {
    return root;
  }

  public String topic(PostId post, Channel channel) {
    return root + "/" + post.value() + "/" + channel.suffix();
  }

  public String hubPresence() {
    return root + "/" + HUB_LEVEL + "/status";
  }

  /**
   * Where hubs send probes through their own events subscription ({@code {root}/_hub/events} matches
   * {@code {root}/+/events}), to see that the broker still delivers it. Not a post topic: no post id has an
   * underscore, and no device may publish here.
   */
  public String hubProbe() {
    return root + "/" + HUB_LEVEL + "/" + Channel.EVENTS.suffix();
  }

  /** A filter for one channel across the whole fleet, e.g. {@code posts/+/events}. */
  public String fleetFilter(Channel channel) {
    return root + "/+/" + channel.suffix();
  }

  /** Everything posts publish: status, telemetry, events and command acks. */
  public String everythingFilter() {
    return root + "/#";
  }

  /** An MQTT 5 shared subscription, so several hubs can split the fleet's traffic. */
  public static String shared(String group, String filter) {
    if (group == null || !GROUP.matcher(group).matches()) {
      throw new IllegalArgumentException("share group '" + group + "' is not valid: 1 to 64 letters, digits, '_' or '-'");
    }
    return "$share/" + group + "/" + filter;
  }

  /** Strips a {@code $share/group/} prefix, because Paho reports the filter, not the topic, in some places. */
  public static String unshared(String filter) {
    if (filter.startsWith("$share/")) {
      int slash = filter.indexOf('/', "$share/".length());
      return slash < 0 ? filter : filter.substring(slash + 1);
    }
    return filter;
  }

  public boolean isHubPresence(String topic) {
    return hubPresence().equals(topic);
  }

  /** Parses a concrete topic; empty when it is not one of the protocol's post topics. */
  public Optional<Address> parse(String topic) {
    if (topic == null || !topic.startsWith(root + "/")) {
      return Optional.empty();
    }
    String rest = topic.substring(root.length() + 1);
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String id = rest.substring(0, slash);
    Channel channel = Channel.fromSuffix(rest.substring(slash + 1));
    if (channel == null || !PostId.isValid(id)) {
      return Optional.empty();
    }
    return Optional.of(new Address(new PostId(id), channel));
  }

  /** A parsed post topic. */
  public record Address(PostId postId, Channel channel) {}
}
