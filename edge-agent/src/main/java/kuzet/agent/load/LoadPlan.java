package kuzet.agent.load;

import java.util.Locale;
import javax.net.SocketFactory;
import kuzet.protocol.PostId;

/**
 * What a load run publishes and where.
 *
 * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port}
 * @param posts simulated posts; ids {@code PREFIX-0000}, {@code PREFIX-0001}, ...
 * @param connections MQTT connections, each publishing for its share of the posts
 * @param rate telemetry messages per second over all connections; 0 publishes as fast as the broker takes them
 * @param qos telemetry QoS: 0 as the protocol sends it, or 1
 * @param panicsPerMinute PANIC presses per minute over the fleet (QoS 1, each a new incident); 0 for none
 * @param idPrefix post id prefix
 * @param username MQTT user name, or null
 * @param password MQTT password, or null
 * @param socketFactory TLS for ssl:// (from the CA and client certificate files), or null for plain TCP
 */
public record LoadPlan(String brokerUrl, int posts, int connections, int rate, int qos, double panicsPerMinute,
                       String idPrefix, String username, String password, SocketFactory socketFactory) {
  public static final int MAX_POSTS = 100_000;

  public LoadPlan {
    if (brokerUrl == null || !(brokerUrl.startsWith("tcp://") || brokerUrl.startsWith("ssl://"))) {
      throw new IllegalArgumentException("the broker URL must be tcp://host:port or ssl://host:port, not " + brokerUrl);
    }
    if (posts < 1 || posts > MAX_POSTS) {
      throw new IllegalArgumentException("posts must be in [1, " + MAX_POSTS + "], not " + posts);
    }
    if (connections < 1 || connections > posts) {
      throw new IllegalArgumentException("connections must be in [1, posts], not " + connections);
    }
    if (rate < 0) {
      throw new IllegalArgumentException("rate must be 0 (as fast as possible) or more, not " + rate);
    }
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("telemetry QoS must be 0 or 1, not " + qos);
    }
    if (!(panicsPerMinute >= 0 && panicsPerMinute <= 6_000)) {
      throw new IllegalArgumentException("panics per minute must be in [0, 6000], not " + panicsPerMinute);
    }
    if (!PostId.isValid(postId(idPrefix, posts - 1))) {
      throw new IllegalArgumentException("'" + idPrefix + "' does not make valid post ids (lower-case letters, digits, hyphens)");
    }
  }

  /** A plain-TCP plan without credentials, as the benchmark harness uses against its own hub. */
  public static LoadPlan plain(String brokerUrl, int posts, int connections, int rate, int qos, String idPrefix) {
    return new LoadPlan(brokerUrl, posts, connections, rate, qos, 0, idPrefix, null, null, null);
  }

  /** The id of post number {@code i}: the same numbering as a fleet registered for a benchmark. */
  public static String postId(String prefix, int i) {
    return String.format(Locale.ROOT, "%s-%04d", prefix, i);
  }
}
