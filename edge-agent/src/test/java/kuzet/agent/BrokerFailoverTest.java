package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kuzet.agent.config.ConfigException;
import kuzet.agent.hardware.InputRole;
import kuzet.protocol.EventKind;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post given the two nodes of a broker (here two Mosquitto processes standing for them): when the node it is on
 * dies, it moves to the other, and a PANIC pressed during the switch waits in its outbox and arrives there.
 */
class BrokerFailoverTest {
  @TempDir
  Path dir;

  @Test
  void whenItsBrokerNodeDiesThePostMovesToTheOtherAndAPanicPressedMeanwhileArrivesThere() throws Exception {
    MosquittoBroker first = MosquittoBroker.start(dir.resolve("node-1"));
    try (first; MosquittoBroker second = MosquittoBroker.start(dir.resolve("node-2"));
         Recorder hubOnSecond = new Recorder(second.url(), "hub", false);
         TestPost post = new TestPost(dir.resolve("agent"), first.url() + ", " + second.url(),
             Map.of("mqtt.reconnectMinMs", "200", "mqtt.reconnectMaxMs", "1000"))) {
      await().atMost(Duration.ofSeconds(10)).until(post.agent::connected);
      assertThat(hubOnSecond.events(EventKind.PANIC).count()).isZero();

      first.stop();
      post.hold(InputRole.PANIC_BUTTON);

      await().atMost(Duration.ofSeconds(30)).until(() -> hubOnSecond.events(EventKind.PANIC).count() >= 1);
      assertThat(post.agent.connected()).isTrue();
    }
  }

  @Test
  void aBrokerListThatMixesPlainAndTlsOrHoldsNonsenseIsRefusedSayingWhy() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            new TestPost(dir.resolve("a"), "tcp://127.0.0.1:1883,ssl://127.0.0.1:8883", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("mixes tcp:// and ssl://");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            new TestPost(dir.resolve("b"), "tcp://127.0.0.1:1883,", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not tcp://host:port");
  }
}
