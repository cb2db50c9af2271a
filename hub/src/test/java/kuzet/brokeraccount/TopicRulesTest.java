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
}
