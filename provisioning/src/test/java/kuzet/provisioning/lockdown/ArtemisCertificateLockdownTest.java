package kuzet.provisioning.lockdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import kuzet.protocol.Channel;
import kuzet.protocol.PostId;
import kuzet.protocol.Topics;
import kuzet.protocol.testing.ArtemisCluster;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Posts registered with a client certificate only, on a real Artemis 2.40 node locked down with what {@code broker
 * export --broker artemis} writes: they log in on the certificate acceptor under their own id and nothing else, a
 * revoked post's certificate is refused, and a revocation reaches the running node without a restart (new logins
 * refused, the open connection closed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtemisCertificateLockdownTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int CLIENT_ID_NOT_VALID = 0x85;
  /** Paho's reason code 0 on an exception means no CONNACK came (a TLS refusal, say): not to be read as success. */
  private static final int REFUSED_BEFORE_CONNACK = -1;
  private static final String PASSWORD_POST = "post-00";
  private static final String CERT = "cert-00";
  private static final String CERT_REVOKED = "cert-01";
  private static final String CERT_LATER = "cert-02";

  @TempDir
  static Path dir;

  private final Topics topics = Topics.defaults();
  private TestFleet fleet;
  private ArtemisCluster broker;
  private int tlsPort;

  @BeforeAll
  void lockDown() throws Exception {
    fleet = TestFleet.create(dir, List.of(PASSWORD_POST));
    for (String id : List.of(CERT, CERT_REVOKED, CERT_LATER)) {
      fleet.add(id, "ssl://127.0.0.1:8883", "cert");
    }
    TestFleet.cli("post", "revoke", "--data-dir", fleet.dataDir.toString(), "--id", CERT_REVOKED);
    broker = ArtemisCluster.single(dir.resolve("artemis"));
    tlsPort = ArtemisInstall.freePort();
    ArtemisInstall.lockDown(broker, fleet.dataDir, dir.resolve("export"), tlsPort);
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aPostWithACertificateOnlySendsItsOwnEventsButNotAnotherPosts() throws Exception {
    String own = topics.topic(new PostId(CERT), Channel.EVENTS);
    String forged = topics.topic(new PostId(PASSWORD_POST), Channel.EVENTS);
    try (MqttProbe hub = MqttProbe.connect(broker.url(1), "_kuzet-hub-1", "_hub", fleet.hubPassword, null, 0L);
         MqttProbe post = MqttProbe.connect(tlsUrl(), CERT, null, null, tls(CERT), 0L)) {
      hub.subscribe(topics.everythingFilter());
      post.publish(forged, "forged");
      post.publish(own, "press");
      await().atMost(WAIT).until(() -> hub.count(own, "press") == 1);
      assertThat(hub.count(forged, "forged")).as("%s's event forged by %s", PASSWORD_POST, CERT).isZero();
    }
  }

  @Test
  void itsCertificateUnderAnotherClientIdIsRefused() {
    for (String stolen : List.of("_kuzet-hub-1", PASSWORD_POST, CERT_LATER)) {
      assertThat(connectReason(CERT, stolen)).as("CONNACK reason code for %s's certificate under client id %s", CERT,
          stolen).isEqualTo(CLIENT_ID_NOT_VALID);
    }
    assertThat(connectReason(CERT, CERT)).as("%s under its own id", CERT).isZero();
  }

  /** By the CRL in the TLS handshake, before any login; the revoked post's subject is not in the users file either. */
  @Test
  void aRevokedPostsCertificateIsRefused() {
    assertThat(connectReason(CERT_REVOKED, CERT_REVOKED)).as("connecting as the revoked %s", CERT_REVOKED)
        .isEqualTo(REFUSED_BEFORE_CONNACK);
  }

  @Test
  void aCertificateRevokedOnTheRunningNodeIsRefusedAndItsConnectionClosedWithinTheBound() throws Exception {
    try (MqttProbe open = MqttProbe.connect(tlsUrl(), CERT_LATER, null, null, tls(CERT_LATER), 0L)) {
      TestFleet.cli("post", "revoke", "--data-dir", fleet.dataDir.toString(), "--id", CERT_LATER);
      Path export = dir.resolve("export-after-revoke");
      ArtemisInstall.export(fleet.dataDir, export, tlsPort);
      ArtemisInstall.reinstall(export, broker.instance(1));
      long installed = System.nanoTime();
      await().atMost(ArtemisLockdownTest.REVOCATION_BOUND).until(() -> !open.isConnected());
      long closed = System.nanoTime();
      await().atMost(ArtemisLockdownTest.REVOCATION_BOUND).pollInterval(Duration.ofMillis(250))
          .until(() -> connectReason(CERT_LATER, CERT_LATER) != 0);
      System.out.printf("certificate revocation on a running Artemis node: open connection closed after %d ms, new"
          + " login refused after %d ms%n", Duration.ofNanos(closed - installed).toMillis(),
          Duration.ofNanos(System.nanoTime() - installed).toMillis());
      assertThat(Duration.ofNanos(System.nanoTime() - installed)).as("time until the revoked %s was locked out",
          CERT_LATER).isLessThanOrEqualTo(ArtemisLockdownTest.REVOCATION_BOUND);
    }
  }

  private String tlsUrl() {
    return "ssl://127.0.0.1:" + tlsPort;
  }

  private SSLSocketFactory tls(String id) throws Exception {
    return TlsClient.fromBundle(fleet.bundle(id));
  }

  /**
   * The CONNACK's reason code for {@code id}'s certificate under {@code clientId} (0: connected,
   * {@value #REFUSED_BEFORE_CONNACK}: refused before any CONNACK).
   */
  private int connectReason(String id, String clientId) {
    MqttAsyncClient c = null;
    try {
      c = new MqttAsyncClient(tlsUrl(), clientId, new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setSocketFactory(tls(id));
      o.setConnectionTimeout(5);
      c.connect(o).waitForCompletion(5000);
      return 0;
    } catch (MqttException refused) {
      return refused.getReasonCode() == 0 ? REFUSED_BEFORE_CONNACK : refused.getReasonCode();
    } catch (Exception e) {
      throw new AssertionError("no TLS client for " + id, e);
    } finally {
      close(c);
    }
  }

  private static void close(MqttAsyncClient c) {
    try {
      if (c != null && c.isConnected()) {
        c.disconnect().waitForCompletion(2000);
      }
      if (c != null) {
        c.close(true);
      }
    } catch (MqttException gone) {
      // refused or already disconnected: nothing to close
    }
  }
}
