package kuzet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import kuzet.agent.config.ConfigException;
import kuzet.agent.link.PemTls;
import kuzet.protocol.testing.MosquittoBroker;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent connects with a device bundle's PEM files (ca.pem, post.pem, PKCS#8 post.key) to a TLS-only Mosquitto. */
class TlsLinkTest {
  @TempDir
  Path dir;

  @Test
  void theAgentConnectsWithTheBundlesClientCertificateAndIsRefusedWithout() throws Exception {
    // mosquitto started as root drops to its own user, which must be able to read the certificates
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    KeyPair caKey = ec();
    X509Certificate ca = sign("CN=Kuzet test fleet CA", caKey, "CN=Kuzet test fleet CA", caKey, true);
    KeyPair serverKey = ec();
    X509Certificate server = sign("CN=localhost", serverKey, "CN=Kuzet test fleet CA", caKey, false);
    KeyPair postKey = ec();
    X509Certificate post = sign("CN=test-post-1", postKey, "CN=Kuzet test fleet CA", caKey, false);
    Path caPem = pem("ca.pem", ca);
    Path serverPem = pem("server.pem", server);
    Path serverKeyPem = pkcs8("server.key", serverKey);
    Path postPem = pem("post.pem", post);
    Path postKeyPem = pkcs8("post.key", postKey);

    int port = MosquittoBroker.freePort();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), port, List.of(
        "cafile " + caPem, "certfile " + serverPem, "keyfile " + serverKeyPem,
        "require_certificate true", "use_identity_as_username true", "allow_anonymous false"))) {
      String url = "ssl://127.0.0.1:" + port;
      try (TestPost withCert = new TestPost(dir.resolve("a"), url, Map.of("mqtt.caFile", caPem.toString(),
          "mqtt.certFile", postPem.toString(), "mqtt.keyFile", postKeyPem.toString()))) {
        await().atMost(Duration.ofSeconds(15)).until(withCert.agent::connected);
      }
      try (TestPost withoutCert = new TestPost(dir.resolve("b"), url, Map.of("mqtt.caFile", caPem.toString()))) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !withoutCert.agent.connected());
      }
    }
  }

  @Test
  void theAgentRefusesABrokerWhoseCertificateNamesAnotherHost() throws Exception {
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    KeyPair caKey = ec();
    X509Certificate ca = sign("CN=Kuzet test fleet CA", caKey, "CN=Kuzet test fleet CA", caKey, true);
    KeyPair serverKey = ec();
    // signed by the fleet's own CA, but for another server: only a host name check tells it apart
    X509Certificate elsewhere = sign("CN=hub.elsewhere.example", serverKey, "CN=Kuzet test fleet CA", caKey, false,
        new GeneralName(GeneralName.dNSName, "hub.elsewhere.example"));
    KeyPair postKey = ec();
    X509Certificate post = sign("CN=test-post-1", postKey, "CN=Kuzet test fleet CA", caKey, false);
    Path caPem = pem("ca.pem", ca);
    Map<String, String> bundle = Map.of("mqtt.caFile", caPem.toString(), "mqtt.certFile", pem("post.pem", post).toString(),
        "mqtt.keyFile", pkcs8("post.key", postKey).toString());
    int port = MosquittoBroker.freePort();
    // as root (so that its log, the evidence that the agent did try, is written to the test's directory)
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), port, List.of("user root",
        "cafile " + caPem, "certfile " + pem("server.pem", elsewhere), "keyfile " + pkcs8("server.key", serverKey),
        "require_certificate true", "use_identity_as_username true", "allow_anonymous false"));
         TestPost agent = new TestPost(dir.resolve("a"), "ssl://127.0.0.1:" + port, bundle)) {
      // the agent did reach the broker (a TCP connection), and then gave up on the handshake itself
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.log()).contains("New connection from 127.0.0.1"));
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !agent.agent.connected());
      assertThat(broker.log()).as(broker.log()).doesNotContain("New client connected");
    }
  }

  @Test
  void aKeyFileThatIsNotPkcs8PemIsNamed() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("post.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    Path cert = pem("post.pem", sign("CN=x", ec(), "CN=x", ec(), false));
    assertThatThrownBy(() -> PemTls.socketFactory(null, cert, notAKey)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.keyFile").hasMessageContaining("not a PKCS#8 PEM key");
    Path garbage = Files.writeString(dir.resolve("ca.pem"), "hello");
    assertThatThrownBy(() -> PemTls.socketFactory(garbage, null, null)).hasMessageStartingWith("mqtt.caFile:");
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey, boolean isCa)
      throws Exception {
    return sign(subject, subjectKey, issuer, issuerKey, isCa, new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost"));
  }

  private static X509Certificate sign(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey, boolean isCa,
      GeneralName... names) throws Exception {
    Instant now = Instant.now();
    var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), subjectKey.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (!isCa) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
  }

  private Path pem(String name, Object o) throws Exception {
    Path p = dir.resolve(name);
    try (Writer w = Files.newBufferedWriter(p); JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return p;
  }

  private Path pkcs8(String name, KeyPair k) throws Exception {
    Path p = dir.resolve(name);
    try (Writer w = Files.newBufferedWriter(p); JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(new JcaPKCS8Generator(k.getPrivate(), null));
    }
    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.readString(p)).startsWith("-----BEGIN PRIVATE KEY-----");
    return p;
  }
}
