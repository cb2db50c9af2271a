package kuzet.provisioning.mosquitto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kuzet.brokeraccount.Grant;
import kuzet.brokeraccount.HubAccount;
import kuzet.brokeraccount.TopicRules;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import kuzet.provisioning.ca.FleetCa;
import kuzet.brokeraccount.FleetFiles;
import kuzet.provisioning.ca.Pem;

/**
 * Writes a Mosquitto 2.0 lock-down equivalent to the embedded broker's {@link TopicRules}: {@code password_file}
 * (active posts, {@code $7$} hashes), {@code hub_password_file} (the hub alone), {@code acl_file} ({@code pattern}
 * lines with {@code %u}), {@code crl.pem} (revoked post certificates) and {@code kuzet.conf}, to {@code include_dir}
 * or copy into mosquitto.conf. kuzet.conf declares three listeners with their own settings: the hub's on loopback,
 * the posts' password listener and the client-certificate TLS listener. On both post listeners the username (the
 * post id) replaces the client id, so one post can never take over another's or the hub's session.
 */
public final class MosquittoExport {
  public static final String PASSWORD_FILE = "password_file";
  public static final String HUB_PASSWORD_FILE = "hub_password_file";
  public static final String ACL_FILE = "acl_file";
  public static final String CRL_FILE = "crl.pem";
  public static final String CA_FILE = "ca.pem";
  public static final String CERT_FILE = "hub.pem";
  public static final String KEY_FILE = "hub.key";
  public static final String CONF_FILE = "kuzet.conf";

  /**
   * Where Mosquitto listens: {@code hubPort} on 127.0.0.1 for the hub alone, {@code passwordPort} (0: none) for
   * posts with a password, {@code tlsPort} for posts with a client certificate.
   */
  public record Ports(int hubPort, int passwordPort, int tlsPort) {
    public Ports {
      check("hub", hubPort, false);
      check("password", passwordPort, true);
      check("TLS", tlsPort, false);
      if (hubPort == tlsPort || hubPort == passwordPort || passwordPort == tlsPort) {
        throw new IllegalArgumentException("the hub, password and TLS listeners need three different ports");
      }
    }

    private static void check(String name, int port, boolean mayBeOff) {
      if ((port < 1 && !(mayBeOff && port == 0)) || port > 65535) {
        throw new IllegalArgumentException(name + " port " + port + " is out of range 1..65535"
            + (mayBeOff ? " (0: no such listener)" : ""));
      }
    }
  }

  private final Topics topics;

  public MosquittoExport(Topics topics) {
    this.topics = Objects.requireNonNull(topics, "topics");
  }

  /** Everything the broker needs. */
  public void write(Path dir, List<RegisteredPost> posts, HubAccount hub, FleetCa ca, FleetFiles fleet, Ports ports)
      throws IOException {
    Files.createDirectories(dir);
    Pem.writeSecret(dir.resolve(PASSWORD_FILE), passwordFile(posts));
    Pem.writeSecret(dir.resolve(HUB_PASSWORD_FILE), hub.passwordFileLine() + "\n");
    Files.writeString(dir.resolve(ACL_FILE), aclFile(hub));
    Pem.writeCrl(dir.resolve(CRL_FILE), ca.revocationList(posts.stream()
        .filter(p -> !p.active() && p.certificateSerial() != null).map(RegisteredPost::certificateSerial).toList()));
    Files.copy(fleet.caCertificate(), dir.resolve(CA_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(fleet.hubCertificate(), dir.resolve(CERT_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Pem.writeSecret(dir.resolve(KEY_FILE), Files.readString(fleet.hubKey()));
    Files.write(dir.resolve(CONF_FILE), brokerConfig(dir, ports));
  }

  /** Active posts with a password; revoked posts are simply absent. The hub has its own file. */
  public String passwordFile(List<RegisteredPost> posts) {
    StringBuilder b = new StringBuilder();
    for (RegisteredPost p : posts) {
      if (p.active() && p.mqttPasswordHash() != null) {
        b.append(p.id().value()).append(':').append(p.mqttPasswordHash()).append('\n');
      }
    }
    return b.toString();
  }
  /**
   * The acl_file, rendered from {@link TopicRules#grants()}: the posts' grants as {@code pattern} lines ({@code %u}
   * is the username, the post id or its certificate's CN), the hub's under its own {@code user} line.
   */
  public String aclFile(HubAccount hub) {
    List<Grant> grants = new TopicRules(topics).grants();
    List<String> lines = new ArrayList<>();
    lines.add("# Kuzet broker rules, written by kuzet-provision broker export. Anything not granted is denied.");
    lines.add("# Each post (username = post id, or certificate CN) reads and writes only its own topics");
    grants.stream().filter(g -> g.party() == Grant.Party.POST)
        .forEach(g -> lines.add("pattern " + access(g) + " " + g.filter()));
    lines.add("");
    lines.add("# The hub reads every post topic and writes commands, config, its presence and its probe");
    lines.add("user " + hub.username());
    grants.stream().filter(g -> g.party() == Grant.Party.HUB)
        .forEach(g -> lines.add("topic " + access(g) + " " + g.filter()));
    return String.join("\n", lines) + "\n";
  }

  private static String access(Grant g) {
    return g.access() == Grant.Access.READ ? "read" : "write";
  }

  /**
   * Lines for mosquitto.conf. Settings are per listener, so a post's password is no use on the hub's listener,
   * and on both post listeners Mosquitto replaces the client id with the username. Mosquitto cannot limit
   * retained messages to one topic, so the hub ignores retained messages on anything but status.
   */
  public List<String> brokerConfig(Path dir, Ports ports) {
    Path d = dir.toAbsolutePath();
    List<String> lines = new ArrayList<>(List.of(
        "# Kuzet lock-down, written by kuzet-provision broker export",
        "per_listener_settings true",
        "# no valid Kuzet message is larger (64 KiB payload + headers): bigger packets end the connection",
        "max_packet_size " + ProtocolCodec.MAX_PACKET_BYTES,
        "",
        "# The hub's own clients, on loopback, with the hub account alone",
        "listener " + ports.hubPort() + " 127.0.0.1",
        "allow_anonymous false",
        "password_file " + d.resolve(HUB_PASSWORD_FILE),
        "acl_file " + d.resolve(ACL_FILE)));
    if (ports.passwordPort() != 0) {
      lines.addAll(List.of(
          "",
          "# Posts with a password (username = post id)",
          "listener " + ports.passwordPort(),
          "allow_anonymous false",
          "password_file " + d.resolve(PASSWORD_FILE),
          "acl_file " + d.resolve(ACL_FILE),
          "# ... whose username becomes the client id, so one post cannot take over another's or the hub's session",
          "use_username_as_clientid true"));
    }
    lines.addAll(List.of(
        "",
        "# Posts with client certificates: the certificate's CN (the post id) becomes the username",
        "listener " + ports.tlsPort(),
        "allow_anonymous false",
        "acl_file " + d.resolve(ACL_FILE),
        "cafile " + d.resolve(CA_FILE),
        "certfile " + d.resolve(CERT_FILE),
        "keyfile " + d.resolve(KEY_FILE),
        "crlfile " + d.resolve(CRL_FILE),
        "require_certificate true",
        "use_identity_as_username true",
        "# ... and the client id, so one post cannot take over another's session",
        "use_username_as_clientid true",
        "tls_version tlsv1.2"));
    return lines;
  }
}
