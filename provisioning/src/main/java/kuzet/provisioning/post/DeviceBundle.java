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
 * The directory an installer copies to a post's Pi: {@code agent.properties}, {@code ca.pem}, {@code post.pem} and
 * {@code post.key}. The config and the key hold secrets, so the directory and those files are owner-only.
 */
public final class DeviceBundle {
  public static final String CONFIG_FILE = "agent.properties";
  public static final String CA_FILE = "ca.pem";
  public static final String CERT_FILE = "post.pem";
  public static final String KEY_FILE = "post.key";

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
    Pem.writeSecret(dir.resolve(CONFIG_FILE), agentConfig(post, settings, cert != null, password, at));
    return dir;
  }

  /** Keys follow the edge agent's config file; paths are where the files live on the Pi. */
  static String agentConfig(NewPost post, BundleSettings s, boolean hasCert, String password, Instant at) {
    String base = s.installDir().endsWith("/") ? s.installDir() : s.installDir() + "/";
    List<String> lines = new ArrayList<>();
    lines.add("# Kuzet edge agent for post " + post.id() + ", written by kuzet-provision on " + at);
    lines.add("# Holds this post's secret: keep it readable by the agent's user only.");
    lines.add("post.id=" + post.id());
    lines.add("post.type=" + post.type().id());
    lines.add("hardware.profile=" + post.type().id());
    lines.add("mqtt.url=" + s.brokerUrl());
    lines.add("mqtt.client-id=" + post.id());
    lines.add("mqtt.topic-root=" + s.topics().root());
    if (password != null) {
      lines.add("mqtt.username=" + post.id());
      lines.add("mqtt.password=" + password);
    }
    lines.add("tls.ca=" + base + CA_FILE);
    if (hasCert) {
      lines.add("tls.cert=" + base + CERT_FILE);
      lines.add("tls.key=" + base + KEY_FILE);
    }
    return String.join("\n", lines) + "\n";
  }
}
