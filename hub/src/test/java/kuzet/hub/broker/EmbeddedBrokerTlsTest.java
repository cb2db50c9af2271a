package kuzet.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import kuzet.hub.testing.FakePost;
import kuzet.hub.testing.HubHarness;
import kuzet.hub.testing.TestBroker;
import kuzet.hub.testing.TestPki;
import kuzet.protocol.testing.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded HiveMQ with a mutual-TLS listener, and the hub's own client connecting with its certificate. */
class EmbeddedBrokerTlsTest {
  @TempDir
  Path dir;

  @Test
  void hubConnectsOverMutualTlsWithItsCertificateAndAClientWithoutOneIsRefused() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    int plain = MosquittoBroker.freePort();
    int tls = MosquittoBroker.freePort();
    EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", plain, dir.resolve("broker"),
        new EmbeddedBroker.Tls(tls, pki.serverKeyStore, TestPki.PASSWORD, pki.trustStore, TestPki.PASSWORD, "REQUIRED")),
        null);
    broker.start();
    try {
      TestBroker tlsBroker = new TestBroker() {
        @Override
        public String url() {
          return "ssl://127.0.0.1:" + tls;
        }

        @Override
        public int port() {
          return tls;
        }

        @Override
        public void close() {
          broker.close();
        }
      };
      try (HubHarness h = new HubHarness(dir.resolve("hub"), tlsBroker, Map.of(
              "broker.tls.caFile", pki.caPem.toString(),
              "broker.tls.certFile", pki.clientCertPem.toString(),
              "broker.tls.keyFile", pki.clientKeyPem.toString(),
              // HiveMQ serving one hub: ordinary subscriptions, as in the hub's embedded mode
              "mqtt.shareGroup", "none")).register("alatau-tls").start();
           FakePost post = new FakePost("tcp://127.0.0.1:" + plain, "alatau-tls", "boot-1", 30)) {
        post.publish(post.panic(UUID.randomUUID()), false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
            h.get("/api/alerts").json().findValuesAsText("type")).as(h::seen).contains("PANIC"));
        assertThat(h.get("/health").json().get("checks").get("broker").asText()).isEqualTo("UP");
      }

      MqttClient anonymous = new MqttClient("ssl://127.0.0.1:" + tls, "no-cert", new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setSocketFactory(kuzet.hub.mqtt.TlsFiles.socketFactory(pki.caPem, null, null));
      o.setConnectionTimeout(5);
      assertThatThrownBy(() -> anonymous.connect(o)).isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
      anonymous.close(true);
    } finally {
      broker.close();
    }
  }
}
