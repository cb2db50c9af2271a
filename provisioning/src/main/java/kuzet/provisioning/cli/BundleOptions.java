package kuzet.provisioning.cli;

import java.nio.file.Path;
import kuzet.protocol.Topics;
import kuzet.provisioning.post.AuthMode;
import kuzet.provisioning.post.BundleSettings;
import picocli.CommandLine.Option;

/** How device bundles are written: shared by {@code post add} and {@code posts import}. */
final class BundleOptions {
  @Option(names = "--broker-url", required = true, paramLabel = "URL",
      description = "Where the post's agent connects, e.g. ssl://hub.example.kz:8883.")
  String brokerUrl;

  @Option(names = "--auth", defaultValue = "both", paramLabel = "cert|password|both",
      description = "Credentials to issue (default: ${DEFAULT-VALUE}).")
  String auth;

  @Option(names = "--bundles-dir", defaultValue = "bundles", paramLabel = "DIR",
      description = "Where device bundles are written, one directory per post (default: ${DEFAULT-VALUE}).")
  Path bundlesDir;

  @Option(names = "--install-dir", defaultValue = "/etc/kuzet", paramLabel = "DIR",
      description = "Where the bundle is copied on the Pi (default: ${DEFAULT-VALUE}).")
  String installDir;

  @Option(names = "--topic-root", defaultValue = Topics.DEFAULT_ROOT,
      description = "MQTT topic root (default: ${DEFAULT-VALUE}).")
  String topicRoot;

  @Option(names = "--release-key", paramLabel = "FILE",
      description = "The release public key (from 'release keygen'): the post installs only releases it signed.")
  Path releaseKey;

  BundleSettings settings(kuzet.brokeraccount.FleetFiles fleet) throws java.io.IOException {
    String key = null;
    String webCa = null;
    if (releaseKey != null) {
      key = kuzet.release.ReleaseKeys.publicPem(kuzet.release.ReleaseKeys.readPublic(releaseKey));
      Path web = fleet.webRootCertificate();
      webCa = java.nio.file.Files.exists(web) ? java.nio.file.Files.readString(web) : null;
    }
    BundleSettings plain = settings();
    return new BundleSettings(plain.brokerUrl(), plain.topics(), plain.installDir(), plain.authMode(), key, webCa);
  }

  private BundleSettings settings() {
    AuthMode mode = switch (auth) {
      case "cert" -> AuthMode.CERT;
      case "password" -> AuthMode.PASSWORD;
      case "both" -> AuthMode.BOTH;
      default -> throw new IllegalArgumentException("--auth '" + auth + "' is not one of cert, password, both");
    };
    return new BundleSettings(brokerUrl, new Topics(topicRoot), installDir, mode);
  }
}
