package kuzet.agent.link;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import kuzet.agent.config.ConfigException;

/** TLS from the device bundle's PEM files (ca.pem, post.pem, PKCS#8 post.key), with the JDK's own parsers. */
public final class PemTls {
  private PemTls() {}

  public static SSLSocketFactory socketFactory(Path caFile, Path certFile, Path keyFile) {
    return context(caFile, certFile, keyFile).getSocketFactory();
  }

  /** The TLS context of these files: trust only caFile's certificates (null: the JVM's), present certFile if given. */
  public static SSLContext context(Path caFile, Path certFile, Path keyFile) {
    try {
      TrustManagerFactory tmf = null;
      if (caFile != null) {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(caFile, "mqtt.caFile")) {
          trust.setCertificateEntry("ca" + i++, c);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (certFile != null) {
        Collection<? extends Certificate> chain = certificates(certFile, "mqtt.certFile");
        PrivateKey key = privateKey(keyFile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = new char[0];
        ks.setKeyEntry("post", key, pw, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw new ConfigException("mqtt.caFile/certFile/keyFile", "cannot build TLS context: " + e.getMessage());
    }
  }

  private static Collection<? extends Certificate> certificates(Path file, String key) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new ConfigException(key, "'" + file + "' holds no PEM certificate");
      }
      return certs;
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw new ConfigException(key, "'" + file + "' is not a PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (Exception e) {
      throw new ConfigException("mqtt.keyFile", "cannot read '" + file + "': " + e.getMessage());
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new ConfigException("mqtt.keyFile", "'" + file + "' is not a PKCS#8 PEM key (BEGIN PRIVATE KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (Exception tryNext) {
        // the PEM does not say which algorithm; the first factory that accepts the key is the right one
      }
    }
    throw new ConfigException("mqtt.keyFile", "'" + file + "' holds no EC, RSA or Ed25519 key");
  }
}
