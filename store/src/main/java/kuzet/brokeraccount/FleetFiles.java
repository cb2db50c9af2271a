package kuzet.brokeraccount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@code kuzet-provision fleet init} keeps the fleet's CA, the hub's TLS material and the hub account's hash
 * (by default {@code {hub.dataDir}/fleet}). The hub reads its embedded broker's key stores and account from here.
 */
public record FleetFiles(Path dir) {

  public FleetFiles {
    Objects.requireNonNull(dir, "dir");
  }

  public Path caCertificate() {
    return dir.resolve("ca.pem");
  }

  public Path caKey() {
    return dir.resolve("ca.key");
  }

  /** The root operators trust in their browsers for the board; name-constrained to the hub's names. */
  public Path webRootCertificate() {
    return dir.resolve("web-root.pem");
  }

  /** The board's HTTPS certificate chain (for {@code http.tls.cert}): the hub's certificate, then the web CA. */
  public Path webCertificate() {
    return dir.resolve("web.pem");
  }

  /** The key of {@link #webCertificate()} (for {@code http.tls.key}). */
  public Path webKey() {
    return dir.resolve("web.key");
  }

  public Path hubCertificate() {
    return dir.resolve("hub.pem");
  }

  public Path hubKey() {
    return dir.resolve("hub.key");
  }

  /** {@code username:$7$hash} of the hub's MQTT account. */
  public Path hubAccount() {
    return dir.resolve("hub-account");
  }

  /** PKCS#12 key store with the hub's server key and certificate, for the embedded HiveMQ's TLS listener. */
  public Path hubKeyStore() {
    return dir.resolve("hub.p12");
  }

  public Path hubKeyStorePassword() {
    return dir.resolve("hub.p12.password");
  }

  /** PKCS#12 trust store with the fleet CA, for the embedded HiveMQ's client-certificate check. */
  public Path trustStore() {
    return dir.resolve("ca.p12");
  }

  public Path trustStorePassword() {
    return dir.resolve("ca.p12.password");
  }

  /** The content of a one-line secret file such as {@link #hubKeyStorePassword()}, without its line break. */
  public static String readSecret(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
