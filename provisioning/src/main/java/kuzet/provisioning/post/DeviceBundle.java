package kuzet.provisioning.post;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kuzet.provisioning.ca.IssuedCertificate;
import kuzet.provisioning.ca.Pem;

/**
 * The directory an installer copies to a post's Pi ({@code /etc/kuzet}): {@code agent.conf}, {@code ca.pem}, {@code post.pem} and
 * {@code post.key}. The config and the key hold secrets, so the directory and those files are owner-only.
 */
public final class DeviceBundle {
  public static final String CONFIG_FILE = "agent.conf";
  public static final String CA_FILE = "ca.pem";
  public static final String CERT_FILE = "post.pem";
  public static final String KEY_FILE = "post.key";
  /** The release public key: the only key whose signed releases the agent installs. */
  public static final String RELEASE_KEY_FILE = "release.pub";
  /** The CA of the hub's HTTPS certificate, which serves release downloads. */
  public static final String HUB_WEB_CA_FILE = "hub-web-ca.pem";

  private DeviceBundle() {}

  static Path write(Path bundlesDir, NewPost post, BundleSettings settings, String caPem, IssuedCertificate cert,
      String password, Instant at) throws IOException {
    Path dir = bundlesDir.resolve(post.id().value());
    if (Files.exists(dir)) {
      throw new IllegalStateException("bundle directory " + dir + " already exists; move it away first");
    }
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(dir.resolve(CA_FILE), caPem);
    if (cert != null) {
      Pem.writeCertificate(dir.resolve(CERT_FILE), cert.certificate());
      Pem.writePrivateKey(dir.resolve(KEY_FILE), cert.privateKey());
    }
    if (settings.releaseKeyPem() != null) {
      Files.writeString(dir.resolve(RELEASE_KEY_FILE), settings.releaseKeyPem());
      if (settings.hubWebCaPem() != null) {
        Files.writeString(dir.resolve(HUB_WEB_CA_FILE), settings.hubWebCaPem());
      }
    }
    Pem.writeSecret(dir.resolve(CONFIG_FILE), agentConfig(post, settings, cert != null, password, at));
    return dir;
  }

  /**
   * The edge agent's config file (Java properties; the agent rejects unknown keys, so only its keys appear:
   * see {@code kuzet.agent.config.ConfigKey}). Paths are where the files live on the Pi.
   */
  static String agentConfig(NewPost post, BundleSettings s, boolean hasCert, String password, Instant at) {
    String base = s.installDir().endsWith("/") ? s.installDir() : s.installDir() + "/";
    List<String> lines = new ArrayList<>();
    lines.add("# Kuzet edge agent for post " + post.id() + " (" + post.name() + ", " + post.district()
        + "), written by kuzet-provision on " + at);
    lines.add("# Holds this post's secret: keep it readable by the agent's user only.");
    lines.add("post.id=" + post.id());
    lines.add("hardware.profile=" + post.type().id());
    lines.add("location.latitude=" + post.latitude());
    lines.add("location.longitude=" + post.longitude());
    lines.add("mqtt.url=" + s.brokerUrl());
    lines.add("mqtt.topicRoot=" + s.topics().root());
    if (password != null) {
      lines.add("mqtt.username=" + post.id());
      lines.add("mqtt.password=" + password);
    }
    if (s.brokerUrl().startsWith("ssl:")) {
      lines.add("mqtt.caFile=" + base + CA_FILE);
    }
    if (hasCert) {
      lines.add("mqtt.certFile=" + base + CERT_FILE);
      lines.add("mqtt.keyFile=" + base + KEY_FILE);
    }
    if (s.releaseKeyPem() != null) {
      lines.add("update.publicKeyFile=" + base + RELEASE_KEY_FILE);
      if (s.hubWebCaPem() != null) {
        lines.add("update.caFile=" + base + HUB_WEB_CA_FILE);
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
