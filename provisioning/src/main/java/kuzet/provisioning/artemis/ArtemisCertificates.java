package kuzet.provisioning.artemis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import kuzet.brokeraccount.FleetFiles;
import kuzet.provisioning.ca.FleetCa;
import kuzet.provisioning.ca.Pem;
import kuzet.registry.RegisteredPost;

/**
 * The client-certificate side of the Artemis lock-down: an MQTT acceptor that requires a certificate from the fleet
 * CA (TLS with the hub's server certificate, revoked serials in crl.pem) and logs it in through its own JAAS domain,
 * {@value #DOMAIN}, where Artemis's TextFileCertificateLoginModule maps each active post's certificate subject to its
 * post id. The roles file is the password logins', so a post has the same rights either way.
 */
final class ArtemisCertificates {
  static final String DOMAIN = "kuzet-cert";
  static final String CERT_USERS_FILE = "kuzet-cert-users.properties";
  static final String ACCEPTOR = "kuzet-acceptor.xml";
  static final String CA_FILE = "ca.pem";
  static final String CRL_FILE = "crl.pem";
  /** The hub's key and certificate in one PEM file, Artemis's {@code keyStoreType=PEM}. */
  static final String KEY_STORE = "kuzet-broker.pem";
  /** Artemis's launcher sets this system property to the instance's etc/, and broker.xml expands it. */
  private static final String ETC = "${artemis.instance.etc}/";

  private final int port;

  ArtemisCertificates(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("TLS port " + port + " is out of range 1..65535");
    }
    this.port = port;
  }

  void write(Path dir, List<RegisteredPost> posts, FleetCa ca, FleetFiles fleet) throws IOException {
    Objects.requireNonNull(ca, "ca");
    Files.writeString(dir.resolve(CERT_USERS_FILE), usersFile(posts));
    Files.writeString(dir.resolve(ACCEPTOR), acceptor());
    Files.copy(fleet.caCertificate(), dir.resolve(CA_FILE), StandardCopyOption.REPLACE_EXISTING);
    Pem.writeCrl(dir.resolve(CRL_FILE), ca.revocationList(posts.stream()
        .filter(p -> !p.active() && p.certificateSerial() != null).map(RegisteredPost::certificateSerial).toList()));
    Pem.writeSecret(dir.resolve(KEY_STORE),
        Files.readString(fleet.hubKey()) + Files.readString(fleet.hubCertificate()));
  }

  /** {@code post-id = subject}: the active posts that hold a certificate; a revoked post's subject is gone. */
  static String usersFile(List<RegisteredPost> posts) {
    StringBuilder b = new StringBuilder("# Kuzet certificate logins, written by kuzet-provision broker export\n");
    posts.stream().filter(p -> p.active() && p.certificateSerial() != null).forEach(p -> b.append(p.id().value())
        .append(" = ").append(FleetCa.subject(p.id().value())).append('\n'));
    return b.toString();
  }

  /** The login.config domain the acceptor names. */
  static String loginDomain(String rolesFile) {
    return DOMAIN + " {\n"
        + "   org.apache.activemq.artemis.spi.core.security.jaas.TextFileCertificateLoginModule required\n"
        + "       reload=true\n"
        + "       org.apache.activemq.jaas.textfiledn.user=\"" + CERT_USERS_FILE + "\"\n"
        + "       org.apache.activemq.jaas.textfiledn.role=\"" + rolesFile + "\";\n"
        + "};\n";
  }

  /**
   * An {@code <acceptor>} element to paste into broker.xml's {@code <acceptors>} (not to include: Artemis's schema
   * refuses the xml:base attribute XInclude adds): MQTT only, a fleet certificate required.
   */
  String acceptor() {
    return "<!-- Kuzet posts with client certificates, written by kuzet-provision broker export -->\n"
        + "<acceptor xmlns=\"urn:activemq:core\" name=\"kuzet-mqtt-tls\">tcp://0.0.0.0:" + port
        + "?protocols=MQTT;sslEnabled=true;needClientAuth=true;enabledProtocols=TLSv1.2,TLSv1.3"
        + ";keyStoreType=PEM;keyStorePath=" + ETC + KEY_STORE
        + ";trustStoreType=PEMCA;trustStorePath=" + ETC + CA_FILE
        + ";crlPath=" + ETC + CRL_FILE
        + ";securityDomain=" + DOMAIN + "</acceptor>\n";
  }
}
