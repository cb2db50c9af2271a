package kuzet.provisioning.mosquitto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kuzet.hub.brokerauth.HubAccount;
import kuzet.hub.brokerauth.TopicRules;
import kuzet.hub.registry.RegisteredPost;
import kuzet.protocol.Channel;
import kuzet.protocol.Topics;
import kuzet.provisioning.ca.FleetCa;
import kuzet.hub.brokerauth.FleetFiles;
import kuzet.provisioning.ca.Pem;

/**
 * Writes a Mosquitto 2.0 lock-down equivalent to the embedded broker's {@link TopicRules}: {@code password_file}
 * (active posts and the hub, {@code $7$} hashes), {@code acl_file} ({@code pattern} lines with {@code %u}),
 * {@code crl.pem} (revoked post certificates) and {@code kuzet.conf}, to {@code include_dir} or copy into
 * mosquitto.conf, with a TLS listener that takes the client certificate's CN as the username.
 */
public final class MosquittoExport {
  public static final String PASSWORD_FILE = "password_file";
  public static final String ACL_FILE = "acl_file";
  public static final String CRL_FILE = "crl.pem";
  public static final String CA_FILE = "ca.pem";
  public static final String CERT_FILE = "hub.pem";
  public static final String KEY_FILE = "hub.key";
  public static final String CONF_FILE = "kuzet.conf";

  private final Topics topics;

  public MosquittoExport(Topics topics) {
    this.topics = Objects.requireNonNull(topics, "topics");
  }

  /** Everything the broker needs, with {@code tlsPort} for the client-certificate listener. */
  public void write(Path dir, List<RegisteredPost> posts, HubAccount hub, FleetCa ca, FleetFiles fleet, int tlsPort)
      throws IOException {
    if (tlsPort < 1 || tlsPort > 65535) {
      throw new IllegalArgumentException("TLS port " + tlsPort + " is out of range 1..65535");
    }
    Files.createDirectories(dir);
    Pem.writeSecret(dir.resolve(PASSWORD_FILE), passwordFile(posts, hub));
    Files.writeString(dir.resolve(ACL_FILE), aclFile(hub));
    Pem.writeCrl(dir.resolve(CRL_FILE), ca.revocationList(posts.stream()
        .filter(p -> !p.active() && p.certificateSerial() != null).map(RegisteredPost::certificateSerial).toList()));
    Files.copy(fleet.caCertificate(), dir.resolve(CA_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(fleet.hubCertificate(), dir.resolve(CERT_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Pem.writeSecret(dir.resolve(KEY_FILE), Files.readString(fleet.hubKey()));
    Files.write(dir.resolve(CONF_FILE), brokerConfig(dir, tlsPort));
  }

  /** Active posts with a password, then the hub; revoked posts are simply absent. */
  public String passwordFile(List<RegisteredPost> posts, HubAccount hub) {
    StringBuilder b = new StringBuilder();
    for (RegisteredPost p : posts) {
      if (p.active() && p.mqttPasswordHash() != null) {
        b.append(p.id().value()).append(':').append(p.mqttPasswordHash()).append('\n');
      }
    }
    return b.append(hub.passwordFileLine()).append('\n').toString();
  }

  public String aclFile(HubAccount hub) {
    String root = topics.root();
    List<String> lines = new ArrayList<>();
    lines.add("# Kuzet broker rules, written by kuzet-provision broker export. Anything not granted is denied.");
    lines.add("# Each post (username = post id, or certificate CN) writes only its own topics");
    for (Channel c : TopicRules.devicePublishes()) {
      lines.add("pattern write " + root + "/%u/" + c.suffix());
    }
    lines.add("# ... and reads only its own commands and config, and the hub's presence");
    for (Channel c : TopicRules.deviceReads()) {
      lines.add("pattern read " + root + "/%u/" + c.suffix());
    }
    lines.add("pattern read " + topics.hubPresence());
    lines.add("");
    lines.add("# The hub reads every post topic and writes commands, config and its presence");
    lines.add("user " + hub.username());
    lines.add("topic read " + root + "/#");
    lines.add("topic write " + root + "/+/" + Channel.COMMANDS.suffix());
    lines.add("topic write " + root + "/+/" + Channel.CONFIG.suffix());
    lines.add("topic write " + topics.hubPresence());
    lines.add("# the hubs' probes through their own events subscription");
    lines.add("topic write " + topics.hubProbe());
    return String.join("\n", lines) + "\n";
  }

  /** Lines for mosquitto.conf: no anonymous access, the files above, and the client-certificate TLS listener. */
  public List<String> brokerConfig(Path dir, int tlsPort) {
    Path d = dir.toAbsolutePath();
    return List.of(
        "# Kuzet lock-down, written by kuzet-provision broker export",
        "allow_anonymous false",
        "password_file " + d.resolve(PASSWORD_FILE),
        "acl_file " + d.resolve(ACL_FILE),
        "",
        "# Posts with client certificates: the certificate's CN (the post id) becomes the username",
        "listener " + tlsPort,
        "cafile " + d.resolve(CA_FILE),
        "certfile " + d.resolve(CERT_FILE),
        "keyfile " + d.resolve(KEY_FILE),
        "crlfile " + d.resolve(CRL_FILE),
        "require_certificate true",
        "use_identity_as_username true",
        "# ... and the client id, so one post cannot take over another's session",
        "use_username_as_clientid true",
        "tls_version tlsv1.2");
  }
}
