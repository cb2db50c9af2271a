package kuzet.hub.testing;

import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA with a server and a client certificate, written as PEM files and PKCS12 stores. */
public final class TestPki {
  public static final String PASSWORD = "changeit";

  public final Path caPem;
  public final Path clientCertPem;
  public final Path clientKeyPem;
  public final Path serverKeyStore;
  public final Path trustStore;

  public TestPki(Path dir) throws Exception {
    Files.createDirectories(dir);
    KeyPair ca = keys();
    X509Certificate caCert = sign("CN=Kuzet test CA", ca, "CN=Kuzet test CA", ca, true, null);
    KeyPair server = keys();
    X509Certificate serverCert = sign("CN=127.0.0.1", server, "CN=Kuzet test CA", ca, false,
        new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")}));
    KeyPair client = keys();
    X509Certificate clientCert = sign("CN=hub-test", client, "CN=Kuzet test CA", ca, false, null);

    caPem = pem(dir.resolve("ca.pem"), caCert);
    clientCertPem = pem(dir.resolve("client.pem"), clientCert);
    clientKeyPem = pem(dir.resolve("client.key"), client.getPrivate());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", server.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {serverCert, caCert});
    serverKeyStore = store(dir.resolve("server.p12"), ks);
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", caCert);
    trustStore = store(dir.resolve("trust.p12"), ts);
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                      boolean isCa, GeneralNames san) throws Exception {
    Instant now = Instant.now();
    var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli() + subject.hashCode()),
        Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject),
        subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (san != null) {
      b.addExtension(Extension.subjectAlternativeName, false, san);
    }
    var signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  private static Path pem(Path file, Object o) throws Exception {
    try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return file;
  }

  private static Path store(Path file, KeyStore ks) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, PASSWORD.toCharArray());
    }
    return file;
  }
}
