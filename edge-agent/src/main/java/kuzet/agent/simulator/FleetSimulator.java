package kuzet.agent.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.InputRole;
import kuzet.protocol.PostId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N full agents in one JVM around Alatau district, Almaty (43.24 N, 76.85 E), each with its own outbox and MQTT
 * connection. With the scenario on, doors open at the 08:00 and 20:00 shift changes and now and then, mains drops out
 * occasionally, and a rare panic is pressed; everything is drawn from the seed, so a run can be repeated.
 */
public final class FleetSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSimulator.class);
  static final double LAT = 43.24;
  static final double LON = 76.85;
  private final List<SimulatedPost> posts = new ArrayList<>();
  private final Random random;
  private final Clock clock;
  private final ScheduledExecutorService scenario = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fleet-scenario");
    t.setDaemon(true);
    return t;
  });

  public FleetSimulator(AgentConfig base, int count, long seed, Path dataDir, String idPrefix, Clock clock) {
    this.random = new Random(seed);
    this.clock = clock;
    for (int i = 1; i <= count; i++) {
      PostId id = new PostId(String.format("%s-%03d", idPrefix, i));
      // posts spread over roughly 6 km x 5 km around the district centre
      double lat = LAT + (random.nextDouble() - 0.5) * 0.045;
      double lon = LON + (random.nextDouble() - 0.5) * 0.07;
      AgentConfig cfg = base.forSimulatedPost(id, dataDir.resolve(id.value()), lat, lon);
      posts.add(new SimulatedPost(cfg, clock, seed * 1_000 + i));
    }
  }

  public FleetSimulator start(boolean withScenario) {
    posts.forEach(SimulatedPost::start);
    if (withScenario) {
      scenario.scheduleAtFixedRate(this::step, 1, 1, TimeUnit.SECONDS);
    }
    LOG.info("fleet of {} posts started", posts.size());
    return this;
  }

  /** One second of street life across the fleet. */
  private void step() {
    try {
      ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneId.of("Asia/Almaty")));
      boolean shiftChange = (now.getHour() == 8 || now.getHour() == 20) && now.getMinute() < 10;
      for (SimulatedPost p : posts) {
        double doorChance = shiftChange ? 1.0 / 120 : 1.0 / 3_600;
        if (random.nextDouble() < doorChance || p.pin(InputRole.DOOR).isHigh() && random.nextDouble() < 1.0 / 30) {
          p.toggle(InputRole.DOOR);
        }
        if (random.nextDouble() < 1.0 / 20) {
          p.toggle(InputRole.MOTION);
        }
        boolean mainsOn = p.pin(InputRole.MAINS).isHigh();
        if (mainsOn ? random.nextDouble() < 1.0 / 20_000 : random.nextDouble() < 1.0 / 90) {
          p.toggle(InputRole.MAINS);
        }
        if (random.nextDouble() < 1.0 / 50_000) {
          LOG.warn("scenario: resident presses the panic button at {}", p.config().postId());
          p.pin(InputRole.PANIC_BUTTON).mockState(com.pi4j.io.gpio.digital.DigitalState.HIGH);
          scenario.schedule(() -> p.pin(InputRole.PANIC_BUTTON).mockState(com.pi4j.io.gpio.digital.DigitalState.LOW),
              1, TimeUnit.SECONDS);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("scenario step failed", e);
    }
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
