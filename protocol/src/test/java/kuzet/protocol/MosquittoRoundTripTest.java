package kuzet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kuzet.protocol.testing.MosquittoBroker;
import kuzet.protocol.testing.RecordingCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A message encoded by the codec survives a real broker and decodes to the same record on the other side. */
class MosquittoRoundTripTest {
  @TempDir Path dir;

  @Test
  void panicEventPublishedThroughMosquittoDecodesFromASharedSubscription() throws Exception {
    ProtocolCodec codec = ProtocolCodec.defaults();
    Topics topics = codec.topics();
    Event panic = new Event(new PostId("alatau-007"), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "boot-1", 42,
        UUID.randomUUID(), EventKind.PANIC, UUID.randomUUID(), Map.of("button", "front"));

    try (MosquittoBroker broker = MosquittoBroker.start(dir)) {
      MqttConnectionOptions options = new MqttConnectionOptions();
      MqttClient hub = new MqttClient(broker.url(), "hub-test", new MemoryPersistence());
      MqttClient post = new MqttClient(broker.url(), "alatau-007", new MemoryPersistence());
      hub.connect(options);
      post.connect(options);
      RecordingCallback recorder = new RecordingCallback();
      // Paho 1.2.5 never calls a per-subscription listener for $share filters; the client callback does fire.
      hub.setCallback(recorder);
      hub.subscribe(Topics.shared("hub", topics.fleetFilter(Channel.EVENTS)), 1);

      MqttMessage message = new MqttMessage(codec.encode(panic));
      message.setQos(1);
      post.publish(codec.topicFor(panic), message);

      await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.received().isEmpty());
      RecordingCallback.Received r = recorder.received().get(0);
      assertThat(r.topic()).isEqualTo("posts/alatau-007/events");
      assertThat(codec.decode(r.topic(), r.payload())).isEqualTo(panic);
      post.disconnect();
      hub.disconnect();
      post.close();
      hub.close();
    }
  }
}
