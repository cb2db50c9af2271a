package kuzet.brokeraccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kuzet.brokeraccount.Grant.Access;
import kuzet.brokeraccount.Grant.Party;
import kuzet.protocol.Channel;
import kuzet.protocol.Topics;

/**
 * Least-privilege topic rules, the same ones the exported Mosquitto acl_file states with {@code pattern} lines:
 * a device publishes only its own status, telemetry, events and command acks, and reads only its own commands and
 * config and the hub's presence; the hub reads every post topic and writes commands, config and its presence.
 */
public final class TopicRules {
  private final Topics topics;

  public TopicRules(Topics topics) {
    this.topics = Objects.requireNonNull(topics, "topics");
  }

  public Topics topics() {
    return topics;
  }

  /** The channels a post publishes on. */
  public static List<Channel> devicePublishes() {
    return List.of(Channel.STATUS, Channel.TELEMETRY, Channel.EVENTS, Channel.COMMAND_ACKS);
  }

  /** The channels a post reads. */
  public static List<Channel> deviceReads() {
    return List.of(Channel.COMMANDS, Channel.CONFIG);
  }

  /** The post channels the hub publishes on (for any post, registered or not). */
  public static List<Channel> hubWrites() {
    return List.of(Channel.COMMANDS, Channel.CONFIG);
  }

  /**
   * The rules as a list of grants, for the broker exports: a post writes its own status, telemetry, events and acks,
   * reads its own commands and config and the hub's presence; the hub reads everything under the root and writes
   * commands, config, its presence and its probe. Anything not granted is denied.
   */
  public List<Grant> grants() {
    String own = topics.root() + "/" + Grant.OWN_ID + "/";
    List<Grant> grants = new ArrayList<>();
    devicePublishes().forEach(c -> grants.add(new Grant(Party.POST, Access.WRITE, own + c.suffix())));
    deviceReads().forEach(c -> grants.add(new Grant(Party.POST, Access.READ, own + c.suffix())));
    grants.add(new Grant(Party.POST, Access.READ, topics.hubPresence()));
    grants.add(new Grant(Party.HUB, Access.READ, topics.everythingFilter()));
    hubWrites().forEach(c -> grants.add(new Grant(Party.HUB, Access.WRITE, topics.fleetFilter(c))));
    grants.add(new Grant(Party.HUB, Access.WRITE, topics.hubPresence()));
    // the hubs' probes through their own events subscription
    grants.add(new Grant(Party.HUB, Access.WRITE, topics.hubProbe()));
    return List.copyOf(grants);
  }

  public boolean mayPublish(Principal who, String topic) {
    if (topic == null) {
      return false;
    }
    if (who instanceof Principal.Device d) {
      return devicePublishes().stream().anyMatch(c -> topics.topic(d.postId(), c).equals(topic));
    }
    if (topics.isHubPresence(topic) || topics.hubProbe().equals(topic)) {
      return true;
    }
    return topics.parse(topic)
        .filter(a -> hubWrites().contains(a.channel()))
        .isPresent();
  }

  /**
   * A post retains only its presence (BIRTH and its will, DEATH) on its own status topic: anything else retained
   * would be replayed to the hub at every start. The hub retains its own presence and config.
   */
  public boolean mayRetain(Principal who, String topic) {
    if (who instanceof Principal.Device d) {
      return topics.topic(d.postId(), Channel.STATUS).equals(topic);
    }
    return mayPublish(who, topic);
  }

  /** Devices may only subscribe to exact topics; the hub to any filter under the topic root, shared or not. */
  public boolean maySubscribe(Principal who, String filter) {
    if (filter == null) {
      return false;
    }
    if (who instanceof Principal.Device d) {
      return topics.isHubPresence(filter)
          || deviceReads().stream().anyMatch(c -> topics.topic(d.postId(), c).equals(filter));
    }
    String plain = Topics.unshared(filter);
    return plain.equals(topics.root() + "/#") || plain.startsWith(topics.root() + "/");
  }
}
