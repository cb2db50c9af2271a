package kuzet.provisioning.lockdown;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import kuzet.provisioning.ca.Pem;

/** What an agent does with its bundle: trust the fleet CA, present post.pem with post.key. */
final class TlsClient {
  private TlsClient() {}

  static SSLSocketFactory fromBundle(Path bundle) throws Exception {
    return factory(Pem.readCertificate(bundle.resolve("ca.pem")), Pem.readCertificate(bundle.resolve("post.pem")),
        Pem.readPrivateKey(bundle.resolve("post.key")));
  }

  static SSLSocketFactory factory(X509Certificate ca, X509Certificate cert, PrivateKey key) throws Exception {
    char[] pw = "in-memory".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("post", key, pw, new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, pw);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLSv1.2");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return ctx.getSocketFactory();
  }
}
