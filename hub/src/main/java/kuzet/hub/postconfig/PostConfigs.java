package kuzet.hub.postconfig;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.audit.AuditKey;
import kuzet.hub.fleet.PostConfigStatus;
import kuzet.hub.mqtt.HubIdentity;
import kuzet.hub.mqtt.MqttLink;
import kuzet.protocol.Birth;
import kuzet.protocol.CommandAck;
import kuzet.protocol.PostConfig;
import kuzet.protocol.PostId;
import kuzet.protocol.PostMessage;
import kuzet.protocol.PostSetting;
import kuzet.protocol.ProtocolCodec;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings the hub manages for each post: stored with a growing version and an audit entry per change, published
 * as a retained CONFIG, and published again whenever a post's BIRTH reports another version than the desired one, so
 * a post that reconnects to a node of a clustered broker without the retained copy still gets it. Runs on the hub's
 * event loop; as a {@link Rule} it sees every birth.
 */
public final class PostConfigs implements Rule, PostConfigStatus.Source {
  private static final Logger LOG = LoggerFactory.getLogger(PostConfigs.class);
  private final Context context;
  private final Database db;
  private final AuditKey auditKey;
  private final MqttLink link;
  private final ProtocolCodec codec;
  private final HubIdentity identity;
  private final Clock clock;
  private final Consumer<PostId> changed;
  private final Map<String, DesiredConfig> desired = new HashMap<>();

  /** {@code changed} hears of every post whose desired settings or answer changed (the board's live update). */
  public PostConfigs(Context context, Database db, AuditKey auditKey, MqttLink link, ProtocolCodec codec,
                     HubIdentity identity, Clock clock, Consumer<PostId> changed) {
    this.context = context;
    this.db = db;
    this.auditKey = auditKey;
    this.link = link;
    this.codec = codec;
    this.identity = identity;
    this.clock = clock;
    this.changed = changed;
  }

  /** Re-reads every post's desired settings: at start, and now and then for what other hubs changed. */
  public Future<Void> refresh() {
    return db.call(context, PostConfigStore::all).map(all -> {
      all.forEach(d -> desired.put(d.postId(), d));
      return null;
    });
  }

  public Optional<DesiredConfig> desired(PostId post) {
    return Optional.ofNullable(desired.get(post.value()));
  }

  /**
   * The window an admin set for the post under a {@link PostSetting.Form#WINDOW} key, if any. A stored value that no
   * longer parses (the database edited by hand) counts as unset, with a warning, rather than stopping the rules.
   */
  public Optional<PostSetting.Window> window(PostId post, PostSetting setting) {
    String raw = desired(post).map(d -> d.settings().get(setting.key())).orElse(null);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(setting.window(raw));
    } catch (IllegalArgumentException e) {
      LOG.warn("{} of {} in post_config is unusable, the hub's config decides: {}", setting.key(), post, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public PostConfigStatus status(PostId post, Long reportedVersion) {
    DesiredConfig d = desired.get(post.value());
    return d == null ? null : d.status(reportedVersion);
  }

  /**
   * Changes the given posts' settings ({@code changes}: key to value, or to null for the post's own file value; already
   * checked against {@link kuzet.protocol.PostSetting}) and publishes each post's new CONFIG.
   */
  public Future<List<DesiredConfig>> change(List<PostId> posts, Map<String, String> changes, String by) {
    List<String> ids = posts.stream().map(PostId::value).toList();
    return db.call(context, c -> PostConfigStore.change(c, auditKey, ids, changes, by, clock.instant()))
        .onSuccess(all -> all.forEach(d -> {
          desired.put(d.postId(), d);
          publish(d);
          changed.accept(PostId.of(d.postId()));
        }));
  }

  @Override
  public void onMessage(RegisteredPost post, PostMessage message, RuleContext ctx) {
    if (message instanceof Birth b) {
      reported(post.id(), b.configVersion());
    }
  }

  /**
   * A post said which version it runs. When it is not the desired one, the database (which another hub may have
   * changed) decides, and the CONFIG goes out again: the retained copy may sit on another broker node, or be gone.
   */
  void reported(PostId post, Long version) {
    DesiredConfig cached = desired.get(post.value());
    if (cached == null || (version != null && version == cached.version())) {
      return;
    }
    db.call(context, c -> PostConfigStore.find(c, post.value())).onSuccess(found -> found.ifPresent(d -> {
      desired.put(d.postId(), d);
      if (version == null || version != d.version()) {
        LOG.info("{} runs config version {}, the desired one is {}: sending it again", post, version, d.version());
        publish(d);
      }
    })).onFailure(e -> LOG.warn("could not read the desired config of {}: {}", post, e.toString()));
  }

  /**
   * An ack that answers a CONFIG (its commandId is the CONFIG's, or it names a configVersion): recorded, and true;
   * false for any other ack, which belongs to the command service.
   */
  public boolean acked(CommandAck ack) {
    DesiredConfig d = desired.get(ack.postId().value());
    String named = ack.detail().get("configVersion");
    boolean ours = d != null && d.commandId().equals(ack.commandId());
    if (named == null && !ours) {
      return false;
    }
    long version;
    try {
      version = named != null ? Long.parseLong(named) : d.version();
    } catch (NumberFormatException e) {
      LOG.warn("{} answered a config with configVersion '{}', not a number", ack.postId(), named);
      return true;
    }
    String error = ack.ok() ? null : ack.error();
    if (error != null) {
      LOG.warn("{} refused config version {}: {}", ack.postId(), version, error);
    }
    db.call(context, c -> PostConfigStore.answered(c, ack.postId().value(), version, error,
            ack.detail().get("restart"), clock.instant()))
        .onSuccess(found -> found.ifPresent(row -> {
          desired.put(row.postId(), row);
          changed.accept(ack.postId());
        }))
        .onFailure(e -> LOG.error("could not record {}'s answer to config version {}: {}", ack.postId(), version,
            e.toString()));
    return true;
  }

  /**
   * The CONFIG carries what the agent acts on ({@link PostSetting#forPost}); a change of a hub-only key still gives the
   * post a new version, which it applies and reports like any other, so the board's applied/pending stays one story.
   */
  private void publish(DesiredConfig d) {
    PostConfig pc = new PostConfig(PostId.of(d.postId()), clock.instant(), identity.bootId(), identity.nextSeq(),
        d.commandId(), d.version(), PostSetting.forPost(d.settings()));
    link.publish(codec.topicFor(pc), codec.encode(pc), 1, true)
        .onFailure(e -> LOG.warn("config version {} for {} not yet accepted by the broker: {}", d.version(),
            d.postId(), e.getMessage()));
  }
}
