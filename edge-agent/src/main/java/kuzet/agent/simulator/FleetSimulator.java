package kuzet.agent.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kuzet.agent.config.AgentConfig;
import kuzet.protocol.PilotFleet;
import kuzet.protocol.PostId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N full agents in one JVM, each with its own outbox and MQTT connection: the pilot's fleet ({@link #pilot}) or
 * generated ids around Alatau district, Almaty (43.24 N, 76.85 E). With the scenario on, {@link StreetLife} moves
 * doors, motion, mains, panic buttons and posts going offline at a real shift's rates; everything is drawn from the seed.
 */
public final class FleetSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSimulator.class);
  static final double LAT = 43.24;
  static final double LON = 76.85;
  /** Street life replaces a post that went down with its restarted self, on the scenario thread. */
  private final List<SimulatedPost> posts = new CopyOnWriteArrayList<>();
  private final Random random;
  private final Clock clock;
  private final ScheduledExecutorService scenario = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fleet-scenario");
    t.setDaemon(true);
    return t;
  });

  public FleetSimulator(AgentConfig base, int count, long seed, Path dataDir, String idPrefix, Clock clock) {
    this(seed, clock);
    for (int i = 1; i <= count; i++) {
      PostId id = new PostId(String.format("%s-%03d", idPrefix, i));
      // posts spread over roughly 6 km x 5 km around the district centre
      double lat = LAT + (random.nextDouble() - 0.5) * 0.045;
      double lon = LON + (random.nextDouble() - 0.5) * 0.07;
      add(base, dataDir, id, lat, lon, seed * 1_000 + i);
    }
  }

  private FleetSimulator(long seed, Clock clock) {
    this.random = new Random(seed);
    this.clock = clock;
  }

  /** The first {@code count} posts of the pilot's fleet ({@link PilotFleet}), under their ids and at their places. */
  public static FleetSimulator pilot(AgentConfig base, int count, long seed, Path dataDir, Clock clock) {
    List<PilotFleet.Post> pilot = PilotFleet.posts();
    if (count > pilot.size()) {
      throw new IllegalArgumentException("the pilot fleet has " + pilot.size() + " posts, not " + count);
    }
    FleetSimulator f = new FleetSimulator(seed, clock);
    for (int i = 0; i < count; i++) {
      PilotFleet.Post p = pilot.get(i);
      f.add(base, dataDir, p.id(), p.latitude(), p.longitude(), seed * 1_000 + i + 1);
    }
    return f;
  }

  private void add(AgentConfig base, Path dataDir, PostId id, double lat, double lon, long postSeed) {
    posts.add(new SimulatedPost(base.forSimulatedPost(id, dataDir.resolve(id.value()), lat, lon), clock, postSeed));
  }

  public FleetSimulator start(boolean withScenario) {
    posts.forEach(SimulatedPost::start);
    if (withScenario) {
      StreetLife life = new StreetLife(posts, random, clock, scenario);
      life.scheduleFirstOutage();
      scenario.scheduleAtFixedRate(() -> {
        try {
          life.step();
        } catch (RuntimeException e) {
          LOG.error("scenario step failed", e);
        }
      }, 1, 1, TimeUnit.SECONDS);
    }
    LOG.info("fleet of {} posts started", posts.size());
    return this;
  }

  public List<SimulatedPost> posts() {
    return posts;
  }

  @Override
  public void close() {
    scenario.shutdownNow();
    posts.parallelStream().forEach(SimulatedPost::close);
  }
}
