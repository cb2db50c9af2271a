package kuzet.brokeraccount;

import static org.assertj.core.api.Assertions.assertThat;

import kuzet.protocol.PostId;
import kuzet.protocol.Topics;
import org.junit.jupiter.api.Test;

class TopicRulesTest {
  private final TopicRules rules = new TopicRules(Topics.defaults());
  private final Principal a = new Principal.Device(new PostId("post-a"));
  private final Principal hub = new Principal.Hub();

  @Test
  void deviceWritesOnlyItsOwnPostToHubChannels() {
    assertThat(rules.mayPublish(a, "posts/post-a/status")).isTrue();
    assertThat(rules.mayPublish(a, "posts/post-a/telemetry")).isTrue();
    assertThat(rules.mayPublish(a, "posts/post-a/events")).isTrue();
    assertThat(rules.mayPublish(a, "posts/post-a/commands/ack")).isTrue();
    assertThat(rules.mayPublish(a, "posts/post-b/events")).isFalse();
    assertThat(rules.mayPublish(a, "posts/post-a/commands")).isFalse();
    assertThat(rules.mayPublish(a, "posts/post-a/config")).isFalse();
    assertThat(rules.mayPublish(a, "posts/_hub/status")).isFalse();
    assertThat(rules.mayPublish(a, "elsewhere")).isFalse();
    assertThat(rules.mayPublish(a, null)).isFalse();
  }

  @Test
  void deviceReadsOnlyItsCommandsConfigAndHubPresenceByExactTopic() {
    assertThat(rules.maySubscribe(a, "posts/post-a/commands")).isTrue();
    assertThat(rules.maySubscribe(a, "posts/post-a/config")).isTrue();
    assertThat(rules.maySubscribe(a, "posts/_hub/status")).isTrue();
    assertThat(rules.maySubscribe(a, "posts/post-b/commands")).isFalse();
    assertThat(rules.maySubscribe(a, "posts/+/commands")).isFalse();
    assertThat(rules.maySubscribe(a, "posts/post-a/#")).isFalse();
    assertThat(rules.maySubscribe(a, "#")).isFalse();
  }

  @Test
  void hubReadsEverythingUnderTheRootAndWritesCommandsConfigAndPresence() {
    assertThat(rules.maySubscribe(hub, "posts/#")).isTrue();
    assertThat(rules.maySubscribe(hub, "$share/hub/posts/+/events")).isTrue();
    assertThat(rules.maySubscribe(hub, "#")).isFalse();
    assertThat(rules.maySubscribe(hub, "$SYS/#")).isFalse();
    assertThat(rules.mayPublish(hub, "posts/post-a/commands")).isTrue();
    assertThat(rules.mayPublish(hub, "posts/post-a/config")).isTrue();
    assertThat(rules.mayPublish(hub, "posts/_hub/status")).isTrue();
    assertThat(rules.mayPublish(hub, "posts/post-a/events")).isFalse();
    assertThat(rules.mayPublish(hub, "posts/post-a/telemetry")).isFalse();
  }

  @Test
  void devicesRetainOnlyOnTheirOwnStatusTopic() {
    assertThat(rules.mayRetain(a, "posts/post-a/status")).isTrue();
    assertThat(rules.mayRetain(a, "posts/post-a/telemetry")).isFalse();
    assertThat(rules.mayRetain(a, "posts/post-a/events")).isFalse();
    assertThat(rules.mayRetain(a, "posts/post-a/commands/ack")).isFalse();
    assertThat(rules.mayRetain(a, "posts/post-b/status")).isFalse();
    assertThat(rules.mayRetain(hub, "posts/_hub/status")).isTrue();
  }

  /** The grants the broker exports write say what the embedded broker enforces, topic for topic. */
  @Test
  void theExportedGrantsAgreeWithTheEmbeddedBrokersRules() {
    PostId id = new PostId("post-a");
    assertThat(rules.grants()).hasSize(12);
    for (Grant g : rules.grants()) {
      Principal who = g.party() == Grant.Party.POST ? a : hub;
      String concrete = g.filterFor(id).replace("+", "post-b");
      if (g.access() == Grant.Access.WRITE) {
        assertThat(rules.mayPublish(who, concrete)).as("%s may publish on %s", g.party(), concrete).isTrue();
      } else {
        assertThat(rules.maySubscribe(who, g.filterFor(id))).as("%s may subscribe to %s", g.party(), g.filter()).isTrue();
      }
    }
    assertThat(rules.grants()).filteredOn(g -> g.party() == Grant.Party.POST && g.access() == Grant.Access.WRITE)
        .extracting(Grant::filter)
        .containsExactly("posts/%u/status", "posts/%u/telemetry", "posts/%u/events", "posts/%u/commands/ack");
    assertThat(rules.grants()).filteredOn(g -> g.party() == Grant.Party.HUB && g.access() == Grant.Access.WRITE)
        .extracting(Grant::filter)
        .containsExactly("posts/+/commands", "posts/+/config", "posts/_hub/status", "posts/_hub/events");
  }
}
