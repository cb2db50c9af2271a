package kuzet.hub.analysis;

import io.vertx.core.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kuzet.hub.alert.RecentIds;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.fleet.PresenceChange;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code post_days}: how long each post was online, lit and without mains each day, and its faults,
 * self-tests, door and tamper events. Runs on the event loop with the other rules; states are followed in
 * memory and what they add up to is written every {@link #FLUSH_EVERY} (a hub that stops loses at most
 * that much). A state is unknown until the post reports it after the hub starts; lights are unknown (not
 * counted) while a post is offline, a mains outage lasts until the post reports power back.
 */
public final class RollupKeeper implements Rule {
  @Override
  public boolean needsDuty() {
    return true;
  }

  static final Duration FLUSH_EVERY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(RollupKeeper.class);

  private static final class Since {
    DayLedger.Place place;
    Instant online;
    Instant lit;
    Instant mainsOut;
  }

  private final Context context;
  private final Database db;
  private final DayLedger ledger;
  private final Map<String, Since> posts = new HashMap<>();
  private final RecentIds seen = new RecentIds(10_000);
  private Instant lastFlush;

  public RollupKeeper(Context context, Database db, Nights nights) {
    this.context = context;
    this.db = db;
    this.ledger = new DayLedger(nights);
  }

  @Override
  public void onPresence(RegisteredPost post, PresenceChange change, RuleContext ctx) {
    Since s = since(post);
    if (change.online()) {
      s.online = s.online == null ? change.at() : s.online;
    } else {
      s.online = close(post, s.online, DayMeasure.ONLINE_S, change.at());
      s.lit = close(post, s.lit, DayMeasure.LIT_S, change.at());
    }
  }

  @Override
  public void onMessage(RegisteredPost post, PostMessage message, RuleContext ctx) {
    if (message instanceof Telemetry t) {
      lights(post, t.readings().floodlightsOn(), t.ts());
      if (t.readings().mainsPresent() != null) {
        mains(post, !t.readings().mainsPresent(), t.ts());
      }
    } else if (message instanceof Event e && !seen.contains(e.eventId().toString())) {
      seen.add(e.eventId().toString());
      event(post, e);
    }
  }

  private void event(RegisteredPost post, Event e) {
    DayMeasure counted = switch (e.kind()) {
      case LAMP_FAULT -> DayMeasure.LAMP_FAULTS;
      case SENSOR_FAULT -> DayMeasure.SENSOR_FAULTS;
      case SELF_TEST_RESULT -> "true".equals(e.attributes().get("passed"))
          ? DayMeasure.SELF_TESTS_PASSED : DayMeasure.SELF_TESTS_FAILED;
      case DOOR_OPENED -> DayMeasure.DOOR_OPENED;
      case TAMPER -> DayMeasure.TAMPER;
      default -> null;
    };
    if (counted != null) {
      ledger.count(post.id().value(), since(post).place, counted, e.ts());
    } else if (e.kind() == EventKind.MAINS_LOST || e.kind() == EventKind.MAINS_RESTORED) {
      mains(post, e.kind() == EventKind.MAINS_LOST, e.ts());
    }
  }

  private void lights(RegisteredPost post, Boolean on, Instant at) {
    if (on == null) {
      return;
    }
    Since s = since(post);
    if (on && s.lit == null) {
      s.lit = at;
    } else if (!on) {
      s.lit = close(post, s.lit, DayMeasure.LIT_S, at);
    }
  }

  private void mains(RegisteredPost post, boolean out, Instant at) {
    Since s = since(post);
    if (out && s.mainsOut == null) {
      s.mainsOut = at;
      ledger.count(post.id().value(), s.place, DayMeasure.MAINS_OUTAGES, at);
    } else if (!out) {
      s.mainsOut = close(post, s.mainsOut, DayMeasure.MAINS_OUT_S, at);
    }
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    if (lastFlush == null) {
      lastFlush = now;
    }
    if (Duration.between(lastFlush, now).compareTo(FLUSH_EVERY) >= 0) {
      flush(now);
    }
  }

  /** Adds every open span up to now (they go on from now) and stores what the ledger holds. */
  void flush(Instant now) {
    lastFlush = now;
    posts.forEach((id, s) -> {
      s.online = carry(id, s, s.online, DayMeasure.ONLINE_S, now);
      s.lit = carry(id, s, s.lit, DayMeasure.LIT_S, now);
      s.mainsOut = carry(id, s, s.mainsOut, DayMeasure.MAINS_OUT_S, now);
    });
    if (ledger.isEmpty()) {
      return;
    }
    var rows = ledger.drain();
    db.call(context, c -> RollupStore.add(c, rows)).onFailure(err -> {
      LOG.warn("could not store the daily rollups of {} post-days, keeping them for the next try: {}", rows.size(),
          err.toString());
      ledger.restore(rows);
    });
  }

  private Instant carry(String id, Since s, Instant from, DayMeasure m, Instant now) {
    if (from == null || !now.isAfter(from)) {
      return from;
    }
    ledger.span(id, s.place, m, from, now);
    return now;
  }

  /** Ends a span: adds it and returns null (no span open). */
  private Instant close(RegisteredPost post, Instant from, DayMeasure m, Instant at) {
    if (from != null && at.isAfter(from)) {
      ledger.span(post.id().value(), since(post).place, m, from, at);
    }
    return null;
  }

  private Since since(RegisteredPost post) {
    Since s = posts.computeIfAbsent(post.id().value(), k -> new Since());
    if (s.place == null || s.place.latitude() != post.latitude() || s.place.longitude() != post.longitude()) {
      s.place = new DayLedger.Place(post.latitude(), post.longitude());
    }
    return s;
  }
}
