package kuzet.brokeraccount;

import java.util.Objects;
import kuzet.protocol.PostId;

/**
 * One broker rule: who may read or write which MQTT topic filter. {@link TopicRules#grants()} is the one list every
 * broker export renders (Mosquitto's acl_file, Artemis's security settings), so the brokers cannot drift apart.
 *
 * @param filter an MQTT filter; in a {@link Party#POST} grant {@link #OWN_ID} stands for the post's own id
 */
public record Grant(Party party, Access access, String filter) {
  /** Where a post's own id goes in its filters: Mosquitto's own notation for the username, written as is there. */
  public static final String OWN_ID = "%u";

  /** Every post (each for itself), or the hubs' account. */
  public enum Party { POST, HUB }

  /** Subscribe to, or publish on, the filter. */
  public enum Access { READ, WRITE }

  public Grant {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(access, "access");
    if (filter == null || filter.isBlank()) {
      throw new IllegalArgumentException("a grant needs a topic filter");
    }
    if (party == Party.HUB && filter.contains(OWN_ID)) {
      throw new IllegalArgumentException("the hub's grant '" + filter + "' cannot name a post's own id");
    }
  }

  /** The filter for one post: {@link #OWN_ID} replaced by its id. */
  public String filterFor(PostId post) {
    return filter.replace(OWN_ID, post.value());
  }
}
