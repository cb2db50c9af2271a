package kuzet.provisioning.ca;

import kuzet.brokeraccount.FleetFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Collection;
import kuzet.brokeraccount.HubAccount;
import kuzet.brokeraccount.MosquittoPasswordHash;

/** Creates and opens a fleet directory (see {@link FleetFiles}). */
public final class FleetStore {
  private FleetStore() {}

  /** What {@code fleet init} hands back: the one and only time the hub's clear password is seen. */
  public record Initialised(FleetCa ca, HubAccount hubAccount, String hubPassword) {
    @Override
    public String toString() {
      return "Initialised[" + hubAccount.username() + "]";
    }
  }

  public static Initialised init(FleetFiles files, String fleetName, Collection<String> hubHosts, String hubUsername,
      Clock clock, SecureRandom random) throws IOException {
    if (Files.exists(files.caKey()) || Files.exists(files.caCertificate())) {
      throw new IllegalStateException("a fleet CA already exists in " + files.dir()
          + "; refusing to overwrite it (every issued certificate would stop working)");
    }
    Files.createDirectories(files.dir());
    Files.setPosixFilePermissions(files.dir(), PosixFilePermissions.fromString("rwx------"));
    FleetCa ca = FleetCa.create(fleetName, clock, random);
    IssuedCertificate hub = ca.issueServer("kuzet-hub", hubHosts);
    String hubPassword = RandomSecrets.newPassword(random);
    HubAccount account = new HubAccount(hubUsername, MosquittoPasswordHash.hash(hubPassword, random));

    Pem.writePrivateKey(files.caKey(), ca.privateKey());
    Pem.writeCertificate(files.caCertificate(), ca.certificate());
    Pem.writePrivateKey(files.hubKey(), hub.privateKey());
    Pem.writeCertificate(files.hubCertificate(), hub.certificate());
    Pem.writeSecret(files.hubAccount(), account.passwordFileLine() + "\n");
    writeKeyStores(files, ca, hub, random);
    writeWebCertificate(files, fleetName, hubHosts, clock, random);
    return new Initialised(ca, account, hubPassword);
  }

  public static FleetCa open(FleetFiles files, Clock clock, SecureRandom random) {
    if (!Files.exists(files.caKey()) || !Files.exists(files.caCertificate())) {
      throw new IllegalArgumentException("no fleet CA in " + files.dir() + ": run 'kuzet-provision fleet init' first"
          + " or point --fleet-dir at it");
    }
    return new FleetCa(Pem.readCertificate(files.caCertificate()), Pem.readPrivateKey(files.caKey()), clock, random);
  }

  /**
   * The board's HTTPS certificate comes from a web CA of its own, never the fleet CA (which browsers must not
   * trust: it is unconstrained). The web root's key is never written; the issuing CA's key is dropped too once the
   * certificate is signed, so changing the hub's names means running this again and trusting the new root.
   */
  private static void writeWebCertificate(FleetFiles files, String fleetName, Collection<String> hubHosts, Clock clock,
                                          SecureRandom random) throws IOException {
    FleetCa.WebCa web = FleetCa.createWebCa(fleetName, hubHosts, clock, random);
    // the first name is also the CN: some verifiers hold a CN to the name constraints too
    IssuedCertificate cert = web.issuer().issueServer(hubHosts.iterator().next(), hubHosts);
    Pem.writeCertificate(files.webRootCertificate(), web.root());
    Files.writeString(files.webCertificate(), Pem.encode(cert.certificate()) + Pem.encode(web.issuer().certificate()),
        java.nio.charset.StandardCharsets.US_ASCII);
    Pem.writePrivateKey(files.webKey(), cert.privateKey());
  }

  private static void writeKeyStores(FleetFiles files, FleetCa ca, IssuedCertificate hub, SecureRandom random)
      throws IOException {
    try {
      String keyStorePassword = RandomSecrets.newPassword(random);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("hub", hub.privateKey(), keyStorePassword.toCharArray(),
          new Certificate[] {hub.certificate(), ca.certificate()});
      store(keys, files.hubKeyStore(), keyStorePassword);
      Pem.writeSecret(files.hubKeyStorePassword(), keyStorePassword + "\n");

      String trustPassword = RandomSecrets.newPassword(random);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("fleet-ca", ca.certificate());
      store(trust, files.trustStore(), trustPassword);
      Pem.writeSecret(files.trustStorePassword(), trustPassword + "\n");
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("writing the hub's key stores failed: " + e.getMessage(), e);
    }
  }

  private static void store(KeyStore ks, Path file, String password) throws IOException {
    Pem.writeSecret(file, "");
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
      ks.store(out, password.toCharArray());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("writing " + file + " failed: " + e.getMessage(), e);
    }
  }
}
