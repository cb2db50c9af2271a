package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
  private final Topics topics = Topics.defaults();

  @ParameterizedTest
  @ValueSource(strings = {"ab", "-abc", "abc-", "ABC", "a_b", "a/b", "a+b", "a#b", "post 1", "пост-1"})
  void postIdGrammarRefusesUnsafeIds(String id) {
    assertThat(PostId.isValid(id)).isFalse();
    assertThatThrownBy(() -> new PostId(id)).hasMessageContaining("is not valid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "alatau-001", "0-9", "a23456789012345678901234567890123456789012345678901234567890abcd"})
  void postIdGrammarAcceptsLowerCaseDigitsAndHyphens(String id) {
    assertThat(new PostId(id).value()).isEqualTo(id);
  }

  @Test
  void postIdLongerThan64IsRefused() {
    assertThat(PostId.isValid("a".repeat(65))).isFalse();
  }

  @Test
  void everyChannelTopicParsesBackToItsPostAndChannel() {
    PostId id = new PostId("alatau-001");
    for (Channel c : Channel.values()) {
      assertThat(topics.parse(topics.topic(id, c))).get().isEqualTo(new Topics.Address(id, c));
    }
  }

  @Test
  void hubPresenceIsNotAPostTopic() {
    assertThat(topics.parse(topics.hubPresence())).isEmpty();
    assertThat(topics.parse("posts/alatau-001/unknown")).isEmpty();
    assertThat(topics.parse("other/alatau-001/events")).isEmpty();
  }

  @Test
  void sharedSubscriptionWrapsAndUnwrapsAFilter() {
    String shared = Topics.shared("hub", topics.fleetFilter(Channel.EVENTS));
    assertThat(shared).isEqualTo("$share/hub/posts/+/events");
    assertThat(Topics.unshared(shared)).isEqualTo("posts/+/events");
    assertThatThrownBy(() -> Topics.shared("a/b", "x")).hasMessageContaining("share group 'a/b' is not valid");
  }

  @Test
  void customRootIsUsedEverywhereAndWildcardsAreRefused() {
    Topics city = new Topics("almaty/posts");
    assertThat(city.topic(new PostId("alatau-001"), Channel.COMMAND_ACKS)).isEqualTo("almaty/posts/alatau-001/commands/ack");
    assertThat(city.hubPresence()).isEqualTo("almaty/posts/_hub/status");
    assertThatThrownBy(() -> new Topics("posts/#")).hasMessageContaining("topic root 'posts/#' is not valid");
  }
}
