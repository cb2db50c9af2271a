package kuzet.hub.alert.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertCatalog;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.Severity;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import kuzet.protocol.PostMessage;

/**
 * A condition at a post that is either bad, good, or in between (the hysteresis band). It opens one alert
 * once it has been bad for the rule's delay, and, if it clears by itself, resolves that alert only after it
 * has been good without interruption for {@code clearHold}: a reading that jitters around a threshold keeps
 * the one alert open instead of opening and resolving it again and again. Time is the hub's clock.
 */
abstract class ConditionRule implements Rule {
  @Override
  public boolean needsDuty() {
    return true;
  }

  enum Verdict { BAD, GOOD, HOLD }

  /** What one message says about the condition; {@code subject} tells apart lamps or sensors of one post. */
  record Reading(String subject, Verdict verdict, String detail) {
    // every message of every post meets every rule: the common verdicts are not allocated each time
    private static final Reading GOOD = new Reading("", Verdict.GOOD, null);
    private static final Reading HOLD = new Reading("", Verdict.HOLD, null);

    static Reading bad(String detail) {
      return new Reading("", Verdict.BAD, detail);
    }

    static Reading good() {
      return GOOD;
    }

    static Reading hold() {
      return HOLD;
    }
  }

  /** A post's keys by subject are remembered up to this many subjects (a subject may come from a post's event). */
  private static final int SUBJECTS_KEPT = 16;

  private static final class Track {
    final RegisteredPost post;
    Instant badSince;
    Instant goodSince;
    String detail;

    Track(RegisteredPost post) {
      this.post = post;
    }
  }

  private final String type;
  private final Severity severity;
  private final boolean selfClearing;
  protected final RuleSettingsResolver settings;
  private final Map<String, Track> tracks = new HashMap<>();
  /** Keys already made, by post and subject: a key per message per rule was the hub's largest allocation. */
  private final Map<PostId, Map<String, String>> keys = new HashMap<>();

  /** The priority comes from {@link AlertCatalog}, the one place alert types are rationalised. */
  ConditionRule(String type, boolean selfClearing, RuleSettingsResolver settings) {
    this.type = type;
    this.severity = AlertCatalog.of(type).priority();
    this.selfClearing = selfClearing;
    this.settings = settings;
  }

  /** What this message says; an empty list when it says nothing about the condition. */
  abstract List<Reading> evaluate(RegisteredPost post, PostMessage message, RuleSettings s, RuleContext ctx);

  Duration raiseDelay(RuleSettings s) {
    return Duration.ZERO;
  }

  String key(String postId, String subject) {
    return type + ":" + postId + (subject.isEmpty() ? "" : ":" + subject);
  }

  private String keyOf(RegisteredPost post, String subject) {
    Map<String, String> bySubject = keys.computeIfAbsent(post.id(), id -> new HashMap<>(4));
    String key = bySubject.get(subject);
    if (key == null) {
      key = key(post.id().value(), subject);
      if (bySubject.size() < SUBJECTS_KEPT) {
        bySubject.put(subject, key);
      }
    }
    return key;
  }

  @Override
  public void onMessage(RegisteredPost post, PostMessage message, RuleContext ctx) {
    List<Reading> readings = evaluate(post, message, settings.forPost(post), ctx);
    for (int i = 0; i < readings.size(); i++) {
      apply(post, readings.get(i), ctx);
    }
  }

  /** Applies a verdict reached outside a message (a rule that also watches the clock or an operator). */
  final void apply(RegisteredPost post, Reading r, RuleContext ctx) {
    String key = keyOf(post, r.subject());
    Instant now = ctx.clock().instant();
    boolean active = ctx.alerts().active(key).isPresent();
    if (r.verdict() != Verdict.BAD && !active && !tracks.containsKey(key)) {
      return;
    }
    Track t = tracks.computeIfAbsent(key, k -> new Track(post));
    switch (r.verdict()) {
      case BAD -> {
        t.goodSince = null;
        t.detail = r.detail();
        if (!active && t.badSince == null) {
          t.badSince = now;
        }
      }
      case GOOD -> {
        t.badSince = null;
        if (active && selfClearing && t.goodSince == null) {
          t.goodSince = now;
        }
      }
      case HOLD -> t.goodSince = null;
    }
    step(key, t, now, ctx);
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    tracks.entrySet().removeIf(e -> step(e.getKey(), e.getValue(), now, ctx));
  }

  /** Opens or resolves when a timer has run out; true when the track has nothing left to wait for. */
  private boolean step(String key, Track t, Instant now, RuleContext ctx) {
    RuleSettings s = settings.forPost(t.post);
    var active = ctx.alerts().active(key);
    if (t.badSince != null && active.isEmpty() && !now.isBefore(t.badSince.plus(raiseDelay(s)))) {
      String detail = t.detail + (raiseDelay(s).isZero() ? "" : " (bad since " + t.badSince + ")");
      ctx.alerts().open(type, severity, t.post, null, key, detail, null);
      t.badSince = null;
    } else if (t.goodSince != null && active.isPresent() && !now.isBefore(t.goodSince.plus(s.clearHold()))) {
      Alert a = active.get();
      ctx.alerts().resolveBySystem(a, "condition normal since " + t.goodSince + " (held " + s.clearHold().toSeconds() + " s)");
      t.goodSince = null;
    }
    return t.badSince == null && t.goodSince == null;
  }
}
