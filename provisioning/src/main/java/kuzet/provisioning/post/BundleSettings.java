package kuzet.provisioning.post;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import kuzet.protocol.Topics;

/**
 * What every device bundle needs to know about the hub.
 *
 * @param brokerUrl where the agent connects, e.g. {@code ssl://hub.example.kz:8883}
 * @param installDir where the bundle files end up on the Pi; the agent config points there
 * @param releaseKeyPem the release public key the post trusts for signed updates (null: the post takes no updates)
 * @param hubWebCaPem the CA of the hub's HTTPS certificate, for release downloads (null: the JVM's trust store)
 */
public record BundleSettings(String brokerUrl, Topics topics, String installDir, AuthMode authMode,
                             String releaseKeyPem, String hubWebCaPem) {

  /** Bundles without updates: no release key. */
  public BundleSettings(String brokerUrl, Topics topics, String installDir, AuthMode authMode) {
    this(brokerUrl, topics, installDir, authMode, null, null);
  }

  public BundleSettings {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(authMode, "authMode");
    try {
      URI u = new URI(Objects.requireNonNull(brokerUrl, "brokerUrl"));
      if (!("ssl".equals(u.getScheme()) || "tcp".equals(u.getScheme())) || u.getHost() == null || u.getPort() < 1) {
        throw new IllegalArgumentException("broker URL '" + brokerUrl
            + "' is not valid: use ssl://host:port (or tcp://host:port for password-only posts)");
      }
      if ("tcp".equals(u.getScheme()) && !authMode.password()) {
        throw new IllegalArgumentException("broker URL '" + brokerUrl
            + "' is plain TCP but the post gets no password: use ssl:// with certificates");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("broker URL '" + brokerUrl + "' is not a URL: " + e.getMessage(), e);
    }
    if (installDir == null || !installDir.startsWith("/")) {
      throw new IllegalArgumentException("install dir '" + installDir + "' must be an absolute path on the Pi");
    }
  }
}
