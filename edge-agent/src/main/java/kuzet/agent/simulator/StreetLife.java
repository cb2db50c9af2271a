package kuzet.agent.simulator;

import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kuzet.agent.hardware.InputRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One second of street life across a fleet, at rates a real shift has (docs/demo.md): officers open doors while
 * the posts are staffed ({@link #STAFFED_FROM} to {@link #STAFFED_TO}, the demo hub's {@code alerts.staffedHours}),
 * a door of a closed post opens about once an hour across 50 posts, people walk past all day (motion), mains
 * flickers for seconds now and then, about every two hours a cut takes out a cluster of neighbouring posts for a few
 * minutes, a resident presses a panic button about every 40 minutes, and about once an hour a post goes offline for
 * a few minutes and comes back (the first time within the demo's first 3 minutes). Everything is drawn from the seed.
 */
final class StreetLife {
  private static final Logger LOG = LoggerFactory.getLogger(StreetLife.class);
  static final int STAFFED_FROM = 8;
  static final int STAFFED_TO = 20;
  static final double DOOR_STAFFED = 1.0 / 1_800;
  static final double DOOR_CLOSED_POST = 1.0 / 180_000;
  static final double DOOR_CLOSES = 1.0 / 30;
  static final double MOTION = 1.0 / 20;
  static final double FLICKER = 1.0 / 100_000;
  static final double CLUSTER_CUT = 1.0 / 7_200;
  static final double PANIC = 1.0 / 120_000;
  static final int CLUSTER = 5;
  /** A post's agent stops (router or power gone beyond its battery) about once an hour across 50 posts. */
  static final double POST_DOWN = 1.0 / 180_000;
  /** The first such outage, so that a demo watched for 10 minutes sees POST_OFFLINE open and resolve. */
  static final int FIRST_OUTAGE_AFTER_S = 120;

  private final List<SimulatedPost> posts;
  private final Random random;
  private final Clock clock;
  private final ScheduledExecutorService later;
  private final Set<SimulatedPost> down = ConcurrentHashMap.newKeySet();

  StreetLife(List<SimulatedPost> posts, Random random, Clock clock, ScheduledExecutorService later) {
    this.posts = posts;
    this.random = random;
    this.clock = clock;
    this.later = later;
  }

  void step() {
    int hour = ZonedDateTime.now(clock.withZone(ZoneId.of("Asia/Almaty"))).getHour();
    boolean staffed = hour >= STAFFED_FROM && hour < STAFFED_TO;
    for (SimulatedPost p : posts) {
      if (down.contains(p)) {
        continue;
      }
      if (random.nextDouble() < POST_DOWN) {
        outage(p, 180 + random.nextInt(180));
        continue;
      }
      boolean open = p.pin(InputRole.DOOR).isHigh();
      if (open ? random.nextDouble() < DOOR_CLOSES : random.nextDouble() < (staffed ? DOOR_STAFFED : DOOR_CLOSED_POST)) {
        p.toggle(InputRole.DOOR);
      }
      if (random.nextDouble() < MOTION) {
        p.toggle(InputRole.MOTION);
      }
      if (p.pin(InputRole.MAINS).isHigh() && random.nextDouble() < FLICKER) {
        cut(List.of(p), 5 + random.nextInt(25));
      }
      if (random.nextDouble() < PANIC) {
        LOG.warn("scenario: resident presses the panic button at {}", p.config().postId());
        p.pin(InputRole.PANIC_BUTTON).mockState(DigitalState.HIGH);
        later.schedule(() -> p.pin(InputRole.PANIC_BUTTON).mockState(DigitalState.LOW), 1, TimeUnit.SECONDS);
      }
    }
    if (random.nextDouble() < CLUSTER_CUT) {
      SimulatedPost centre = posts.get(random.nextInt(posts.size()));
      List<SimulatedPost> near = posts.stream().sorted(Comparator.comparingDouble(q -> distance(centre, q)))
          .limit(CLUSTER).toList();
      LOG.warn("scenario: mains cut around {} takes out {} posts", centre.config().postId(), near.size());
      cut(near, 180 + random.nextInt(300));
    }
  }

  /** Within the first minutes of the demo one post goes down for 3 to 4 minutes, then back. */
  void scheduleFirstOutage() {
    later.schedule(() -> outage(posts.get(random.nextInt(posts.size())), 180 + random.nextInt(60)),
        FIRST_OUTAGE_AFTER_S + random.nextInt(60), TimeUnit.SECONDS);
  }

  /**
   * The post's agent stops, so the hub sees it go offline (POST_OFFLINE after its grace period), and after
   * {@code seconds} it starts again as a new boot on the same outbox (POST_OFFLINE resolves once it stayed online).
   */
  void outage(SimulatedPost p, int seconds) {
    if (!down.add(p)) {
      return;
    }
    LOG.warn("scenario: {} goes offline for {} s", p.config().postId(), seconds);
    p.close();
    later.schedule(() -> {
      SimulatedPost back = p.restarted();
      posts.set(posts.indexOf(p), back);
      down.remove(p);
      LOG.warn("scenario: {} is back online", p.config().postId());
    }, seconds, TimeUnit.SECONDS);
  }

  private void cut(List<SimulatedPost> out, int seconds) {
    out.forEach(p -> p.pin(InputRole.MAINS).mockState(DigitalState.LOW));
    later.schedule(() -> out.forEach(p -> p.pin(InputRole.MAINS).mockState(DigitalState.HIGH)), seconds, TimeUnit.SECONDS);
  }

  private static double distance(SimulatedPost a, SimulatedPost b) {
    double dLat = a.config().latitude() - b.config().latitude();
    double dLon = (a.config().longitude() - b.config().longitude()) * Math.cos(Math.toRadians(a.config().latitude()));
    return dLat * dLat + dLon * dLon;
  }
}
