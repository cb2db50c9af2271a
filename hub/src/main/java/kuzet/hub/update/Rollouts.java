package kuzet.hub.update;

import io.vertx.core.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertState;
import kuzet.hub.alert.AlertTypes;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.audit.AuditLog;
import kuzet.hub.command.CommandResult;
import kuzet.hub.command.CommandService;
import kuzet.protocol.Birth;
import kuzet.protocol.CommandName;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostId;
import kuzet.protocol.PostMessage;
import kuzet.registry.RegisteredPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rollouts on the hub's event loop, as a rule: it sees every post's BIRTH and UPDATE_STATUS and ticks once a
 * second. A post is sent its UPDATE only while its stage is open, and never while a PANIC alert of it is unresolved:
 * it waits, and is sent the update once the incident is resolved. Each UPDATE carries a fresh download token.
 */
public final class Rollouts implements Rule {
  /** With several active hubs only the one on duty sends UPDATE commands, so a post is sent each once. */
  @Override
  public boolean needsDuty() {
    return true;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Rollouts.class);
  /** The download path under the hub's HTTP server. */
  public static final String DOWNLOAD_PATH = "/updates/bundle";
  private final Context context;
  private final Releases releases;
  private final CommandService commands;
  private final AuditLog audit;
  private final Clock clock;
  private final String baseUrl;
  private final Duration resend;
  private final Duration tokenTtl;
  private final SecureRandom random = new SecureRandom();
  private final Map<UUID, Rollout> rollouts = new LinkedHashMap<>();
  private final Map<String, Instant> nextTry = new HashMap<>();
  private final Map<String, Birth> births = new HashMap<>();

  /**
   * baseUrl: how posts reach this hub's HTTPS server (empty: no rollouts can start); resend: when an UPDATE without an
   * answer goes again; tokenTtl: how long its download token opens the download.
   */
  public Rollouts(Context context, Releases releases, CommandService commands, AuditLog audit, Clock clock,
                  String baseUrl, Duration resend, Duration tokenTtl) {
    this.context = context;
    this.releases = releases;
    this.commands = commands;
    this.audit = audit;
    this.clock = clock;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.resend = resend;
    this.tokenTtl = tokenTtl;
  }

  /** Blocking: start-up only. */
  public void load() {
    releases.store().rollouts().forEach(r -> rollouts.put(r.id(), r));
  }

  public List<Rollout> list() {
    return new ArrayList<>(rollouts.values());
  }

  public Optional<Rollout> get(UUID id) {
    return Optional.ofNullable(rollouts.get(id));
  }

  /**
   * Starts a rollout of {@code version} to {@code posts} in their order: the first {@code firstStage} posts, then the
   * rest. IllegalArgumentException for a bad request, IllegalStateException when the hub cannot serve it.
   */
  public Rollout start(String version, List<RegisteredPost> posts, int firstStage, boolean allowDowngrade, String by) {
    if (baseUrl.isEmpty()) {
      throw new IllegalStateException("updates.baseUrl is not set: posts would not know where to download releases");
    }
    releases.get(version).orElseThrow(() -> new IllegalArgumentException("no release " + version + " on this hub"));
    if (posts.isEmpty()) {
      throw new IllegalArgumentException("the rollout names no registered post");
    }
    if (firstStage < 1 || firstStage > posts.size()) {
      throw new IllegalArgumentException("firstStage " + firstStage + " is out of range [1, " + posts.size() + "]");
    }
    Instant now = clock.instant();
    List<PostUpdate> lines = new ArrayList<>();
    for (int i = 0; i < posts.size(); i++) {
      lines.add(new PostUpdate(posts.get(i).id().value(), i < firstStage ? 1 : 2, UpdateState.PENDING, null, null, now));
    }
    Rollout r = new Rollout(UUID.randomUUID(), version, allowDowngrade, firstStage, Rollout.RUNNING, by, now, lines);
    rollouts.put(r.id(), r);
    releases.store().insert(context, r).onFailure(e -> LOG.error("could not store rollout {}: {}", r.id(), e.toString()));
    audit.record(context, now, by, "ROLLOUT_START", "rollout " + r.id(), "release " + version + " to " + posts.size()
        + " posts, first stage " + firstStage + (allowDowngrade ? ", downgrade allowed" : "") + ": "
        + lines.stream().map(PostUpdate::postId).collect(Collectors.joining(",")));
    return r;
  }

  /**
   * What a download token opens, asked of the database: the token may come from another hub of it, or from before
   * this hub's restart, and the rollout's state there is the one every hub shares.
   */
  public io.vertx.core.Future<DownloadTokens.Check> open(String token) {
    return releases.tokens().check(context, token, clock.instant());
  }

  /** A post's versions and its latest rollout line, for the board and {@code GET /api/posts/{id}/update}. */
  public Map<String, Object> postView(String postId) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("postId", postId);
    Birth b = births.get(postId);
    v.put("currentVersion", b == null ? null : b.agentVersion());
    v.put("onTrial", b != null && Boolean.TRUE.equals(b.updateTrial()));
    rollouts.values().stream().filter(r -> line(r, postId).isPresent()).reduce((a, c) -> c).ifPresent(r -> {
      PostUpdate p = line(r, postId).orElseThrow();
      v.put("targetVersion", r.version());
      v.put("rolloutId", r.id().toString());
      v.put("state", p.state().name());
      v.put("reason", p.reason());
      v.put("detail", p.detail());
      v.put("updatedAt", p.updatedAt().toString());
    });
    return v;
  }

  @Override
  public void onMessage(RegisteredPost post, PostMessage message, RuleContext ctx) {
    String id = post.id().value();
    if (message instanceof Birth b) {
      births.put(id, b);
      if (!Boolean.TRUE.equals(b.updateTrial())) {
        containing(id).filter(r -> r.version().equals(b.agentVersion()))
            .forEach(r -> move(r, id, UpdateState.DONE, null, "reports release " + b.agentVersion()));
      }
    } else if (message instanceof Event e && e.kind() == EventKind.UPDATE_STATUS) {
      Map<String, String> a = e.attributes();
      LOG.info("{} reports release {} {}{}", id, a.get("version"), a.get("state"),
          a.containsKey("reason") ? " (" + a.get("reason") + ": " + a.get("detail") + ")" : "");
      UpdateState next = switch (a.getOrDefault("state", "")) {
        case "DOWNLOADING" -> UpdateState.DOWNLOADING;
        case "INSTALLED" -> UpdateState.INSTALLED;
        case "COMMITTED" -> UpdateState.DONE;
        case "REFUSED" -> UpdateState.REFUSED;
        case "ROLLED_BACK" -> UpdateState.ROLLED_BACK;
        default -> null;
      };
      if (next != null) {
        containing(id).filter(r -> r.version().equals(a.get("version")))
            .forEach(r -> move(r, id, next, a.get("reason"), a.get("detail")));
      }
    }
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    if (rollouts.values().stream().noneMatch(r -> Rollout.RUNNING.equals(r.state()))) {
      return;
    }
    Set<String> panicking = panicking(ctx.alerts());
    for (Rollout r : List.copyOf(rollouts.values())) {
      if (Rollout.RUNNING.equals(r.state())) {
        advance(r, now, panicking);
      }
    }
  }

  private void advance(Rollout r, Instant now, Set<String> panicking) {
    List<PostUpdate> first = r.posts().stream().filter(p -> p.stage() == 1).toList();
    Optional<PostUpdate> failed = first.stream().filter(p -> p.state().failure()).findFirst();
    if (failed.isPresent()) {
      halt(r, failed.get());
      return;
    }
    if (r.posts().stream().allMatch(p -> p.state().finished())) {
      finish(r, Rollout.DONE, "every post finished");
      return;
    }
    int open = first.stream().allMatch(p -> p.state() == UpdateState.DONE) ? 2 : 1;
    for (PostUpdate p : r.posts()) {
      if (p.stage() > open || p.state().finished() || p.state() == UpdateState.INSTALLED) {
        continue;
      }
      boolean waiting = p.state() == UpdateState.PENDING || p.state() == UpdateState.WAITING;
      if (panicking.contains(p.postId())) {
        if (p.state() != UpdateState.WAITING) {
          move(r, p.postId(), UpdateState.WAITING, "PANIC_ACTIVE", "waits until the panic incident at the post is resolved");
        }
        continue;
      }
      Instant due = nextTry.get(key(r, p.postId()));
      if ((waiting || p.state() == UpdateState.SENT) && (due == null || !now.isBefore(due))) {
        send(r, p, now);
      }
    }
  }

  private void send(Rollout r, PostUpdate p, Instant now) {
    Release release = releases.get(r.version()).orElseThrow();
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    nextTry.put(key(r, p.postId()), now.plus(resend));
    Map<String, String> args = new HashMap<>(Map.of("url", baseUrl + DOWNLOAD_PATH, "version", r.version(),
        "size", Long.toString(release.size()), "sha256", release.sha256(), "token", token));
    if (r.allowDowngrade()) {
      args.put("allowDowngrade", "true");
    }
    move(r, p.postId(), UpdateState.SENT, null, null);
    // the token is stored before the post hears of it, so no hub can turn its download away
    releases.tokens().issue(context, token, r.id(), p.postId(), r.version(), now, now.plus(tokenTtl))
        .onFailure(e -> LOG.error("could not store the download token for {} (rollout {}), sending UPDATE again after"
            + " {}: {}", p.postId(), r.id(), resend, e.toString()))
        .onSuccess(v -> sendUpdate(r, p, args));
  }

  private void sendUpdate(Rollout r, PostUpdate p, Map<String, String> args) {
    commands.send(PostId.of(p.postId()), CommandName.UPDATE, args, null, "rollout " + r.id()).onSuccess(result -> {
      if (CommandResult.ERROR.equals(result.status())) {
        boolean panic = result.error() != null && result.error().contains("panic");
        move(r, p.postId(), panic ? UpdateState.WAITING : UpdateState.REFUSED, panic ? "PANIC_ACTIVE" : "NOT_APPLICABLE",
            result.error());
      } else if (!CommandResult.OK.equals(result.status())) {
        move(r, p.postId(), UpdateState.PENDING, null, "no answer to UPDATE (" + result.status() + "): sent again later");
      }
    });
  }

  /** Changes one post's line (ignored once it is finished, so redelivered reports change nothing). */
  private void move(Rollout r, String postId, UpdateState next, String reason, String detail) {
    Rollout current = rollouts.get(r.id());
    PostUpdate p = line(current, postId).orElse(null);
    if (p == null || p.state().finished() || (p.state() == next && next != UpdateState.SENT)) {
      return;
    }
    Instant now = clock.instant();
    PostUpdate changed = p.to(next, reason, detail, now);
    rollouts.put(r.id(), current.with(current.state(), current.posts().stream()
        .map(x -> x.postId().equals(postId) ? changed : x).toList()));
    releases.store().post(context, r.id(), changed)
        .onFailure(e -> LOG.error("could not store rollout {} for {}: {}", r.id(), postId, e.toString()));
    if (next.finished() || next == UpdateState.WAITING) {
      audit.record(context, now, "post " + postId, "UPDATE_" + next.name(), postId, "release " + r.version()
          + (reason == null ? "" : " " + reason) + (detail == null ? "" : ": " + detail) + " (rollout " + r.id() + ")");
    }
  }

  private void halt(Rollout r, PostUpdate cause) {
    Instant now = clock.instant();
    List<PostUpdate> posts = r.posts().stream().map(p -> p.state() == UpdateState.PENDING || p.state() == UpdateState.WAITING
        ? p.to(UpdateState.HALTED, cause.state().name(), "not sent: " + cause.postId() + " " + cause.state()
            + " the release in the first stage", now) : p).toList();
    posts.stream().filter(p -> p.state() == UpdateState.HALTED).forEach(p -> releases.store().post(context, r.id(), p));
    rollouts.put(r.id(), r.with(Rollout.HALTED, posts));
    finish(rollouts.get(r.id()), Rollout.HALTED, cause.postId() + " " + cause.state() + " it in the first stage ("
        + cause.reason() + ")");
  }

  private void finish(Rollout r, String state, String why) {
    rollouts.put(r.id(), r.with(state, r.posts()));
    releases.store().state(context, r.id(), state);
    audit.record(context, clock.instant(), "system", "ROLLOUT_" + state, "rollout " + r.id(), "release " + r.version()
        + ": " + why);
  }

  /** Rollouts the post is in, halted ones too: a post already installing when its rollout halted still reports. */
  private java.util.stream.Stream<Rollout> containing(String postId) {
    return rollouts.values().stream().filter(r -> line(r, postId).isPresent()).toList().stream();
  }

  private static Optional<PostUpdate> line(Rollout r, String postId) {
    return r.posts().stream().filter(p -> p.postId().equals(postId)).findFirst();
  }

  private static Set<String> panicking(AlertService alerts) {
    return alerts.list(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED)).stream()
        .filter(a -> AlertTypes.PANIC.equals(a.type())).map(a -> a.postId()).collect(Collectors.toSet());
  }

  private static String key(Rollout r, String postId) {
    return r.id() + "/" + postId;
  }
}
