package kuzet.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import kuzet.agent.command.CommandHandler;
import kuzet.agent.command.PostActions;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.config.ConfigException;
import kuzet.agent.config.ConfigLoader;
import kuzet.agent.hardware.Board;
import kuzet.agent.hardware.Debouncer;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.hardware.Output;
import kuzet.agent.hardware.OutputRole;
import kuzet.agent.lighting.Lighting;
import kuzet.agent.lighting.SunSchedule;
import kuzet.agent.link.HubPresence;
import kuzet.agent.link.Identity;
import kuzet.agent.link.MqttLink;
import kuzet.agent.link.OutboxSender;
import kuzet.agent.outbox.Outbox;
import kuzet.agent.panic.Blinker;
import kuzet.agent.panic.LedPattern;
import kuzet.agent.panic.PanicController;
import kuzet.agent.panic.PanicInput;
import kuzet.agent.reporting.Events;
import kuzet.agent.reporting.Reporter;
import kuzet.agent.selftest.ButtonCheck;
import kuzet.agent.selftest.SelfTest;
import kuzet.agent.update.Trial;
import kuzet.agent.update.Updater;
import kuzet.protocol.DecodeException;
import kuzet.protocol.EventKind;
import kuzet.protocol.HubStatus;
import kuzet.protocol.ProtocolCodec;
import kuzet.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One post's agent: wires the hardware, the panic path, lighting, reporting, the outbox and the MQTT link. */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  private final AgentConfig cfg;
  private final Board board;
  private final Clock clock;
  private final Path configFile;
  /** Button, blinkers and panic retries: never shares a thread with telemetry's disk writes. */
  private final ScheduledExecutorService safety;
  /** Telemetry, lighting ticks, self-tests. */
  private final ScheduledExecutorService scheduler;
  private final Identity identity;
  private final ProtocolCodec codec;
  private final Outbox outbox;
  private final Events events;
  private final Lighting lighting;
  private final PanicController panic;
  private final Reporter reporter;
  private final Blinker statusLed;
  private final Blinker buttonLed;
  private final Blinker beacon;
  private final CommandHandler commands;
  private final MqttLink link;
  private final OutboxSender sender;
  private final kuzet.agent.link.HubRoster hubs = new kuzet.agent.link.HubRoster();
  private volatile boolean connected;
  private ScheduledFuture<?> telemetryTask;
  private ScheduledFuture<?> selfTestTask;
  private final SelfTest selfTest;
  private final CentralConfig central;
  private final ScheduledExecutorService updates;
  private final Trial trial;
  private final Updater updater;
  private final java.util.concurrent.atomic.AtomicBoolean proving = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Runnable restart = () -> LOG.error("a restart was asked for, but this agent runs without a supervisor");

  /** configFile may be null (no CONFIG_RELOAD); seed makes the reconnect jitter repeatable in the simulator. */
  public Agent(AgentConfig fileCfg, Board board, Clock clock, Path configFile, long seed) {
    this.central = new CentralConfig(fileCfg, fileCfg.dataDir().resolve("central-config.properties"));
    AgentConfig cfg = central.boot();
    this.cfg = cfg;
    this.board = board;
    this.clock = clock;
    this.configFile = configFile;
    this.safety = daemonScheduler("panic-" + cfg.postId());
    this.scheduler = daemonScheduler("agent-" + cfg.postId());
    this.identity = new Identity(cfg.postId(), clock);
    identity.configVersion(central.version());
    this.codec = new ProtocolCodec(new Topics(cfg.mqtt().topicRoot()), clock);
    this.outbox = new Outbox(cfg.dataDir().resolve("outbox.db"), cfg.outboxMaxTelemetry(), cfg.outboxMaxEvents());
    this.events = new Events(identity, codec, outbox);
    Output flood = board.output(OutputRole.FLOODLIGHTS).orElseThrow();
    this.lighting = new Lighting(flood, board.output(OutputRole.INTERIOR), board.input(InputRole.FLOOD_FEEDBACK),
        new SunSchedule(cfg.latitude(), cfg.longitude()), clock, lamp -> events.emit(EventKind.LAMP_FAULT, Map.of("lamp", lamp)));
    lighting.schedule(cfg.floodlightsHours(), cfg.interiorHours(), cfg.zone());
    this.beacon = new Blinker(board.output(OutputRole.BEACON).orElseThrow(), safety);
    this.buttonLed = new Blinker(board.output(OutputRole.BUTTON_LED).orElseThrow(), safety);
    this.statusLed = new Blinker(board.output(OutputRole.STATUS_LED).orElse(new NoOutput()), safety);
    this.panic = new PanicController(beacon, buttonLed, lighting, events, safety, cfg.panicReceivedTimeout(),
        new kuzet.agent.panic.IncidentStore(cfg.dataDir().resolve("incident")));
    this.reporter = new Reporter(board, events, clock, cfg.motionCooldown(), cfg.contactDebounce(), scheduler);
    PanicInput presses = new PanicInput(board.input(InputRole.PANIC_BUTTON).orElseThrow(), panic::press);
    this.selfTest = new SelfTest(board, events, panic::active, lighting::apply, scheduler, Duration.ofMinutes(1),
        outbox::selfCheck, new ButtonCheck(board, presses, cfg.debounce(), cfg.hold()));
    this.updates = daemonScheduler("update-" + cfg.postId());
    this.trial = new Trial(cfg.update().installDir(), events, clock, kuzet.agent.link.AgentVersion.VALUE);
    this.updater = new Updater(cfg.update(), events, panic::active, () -> restart.run(), updates, clock);
    this.commands = new CommandHandler(codec, events,
        new PostActions(board, lighting, beacon, panic, selfTest, scheduler, this::reload, clock, updater::start), clock,
        cfg.commandMaxAge(), outbox.appliedCommands());
    reportBoardFaults();
    reporter.probeSensors();
    this.link = new MqttLink(cfg.mqtt(), identity, codec, board.profile(), seed, this::onMessage, this::onConnection,
        events.faults()::names);
    link.updateTrial(trial.onTrial());
    trial.recordKnownFaults(events.faults().names());
    this.sender = new OutboxSender(outbox, link, cfg.backlogRatePerS(), cfg.postId().value(), id -> { });
    Debouncer debouncer = Debouncer.button(cfg.debounce(), cfg.hold(), safety, presses::press);
    board.input(InputRole.PANIC_BUTTON).orElseThrow().onChange(debouncer::edge);
    reporter.watchInputs();
    scheduleSelfTest(cfg.selfTestHour());
  }

  /** A part the board could not open is a loud, reported fault: the post never passes for healthy without it. */
  private void reportBoardFaults() {
    for (var f : board.faults()) {
      LOG.error("DEGRADED: {} is missing or failing: {}", f.part(), f.reason());
      if (events.faults().add(f.part(), f.reason())) {
        events.emit(EventKind.HARDWARE_FAULT, Map.of("part", f.part(), "reason", f.reason()));
      }
    }
  }

  private static ScheduledExecutorService daemonScheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  public Agent start() {
    lighting.apply();
    panic.restore();
    statusLed.show(LedPattern.NO_BROKER);
    scheduler.scheduleAtFixedRate(this::safely, cfg.lightingTick().toMillis(), cfg.lightingTick().toMillis(), TimeUnit.MILLISECONDS);
    scheduleTelemetry(cfg.telemetryInterval());
    sender.start();
    trial.start(updates, () -> restart.run());
    link.start();
    return this;
  }

  /**
   * How this agent ends itself to be started again on another release (after an install, or a trial that ran out):
   * the command line exits with {@code AgentMain.RESTART}, and systemd starts it again.
   */
  public Agent restartBy(Runnable restart) {
    this.restart = restart;
    return this;
  }

  /** A release on trial proves itself once it sees the hub: its self-test must pass, then it becomes stable. */
  private void proveTrial() {
    if (!trial.onTrial() || !proving.compareAndSet(false, true)) {
      return;
    }
    updates.execute(() -> {
      try {
        if (panic.active()) {
          // the self-test waits for a panic to end, and so does the trial's proof (its deadline still runs)
          updates.schedule(this::proveTrial, 30, TimeUnit.SECONDS);
          return;
        }
        selfTest.run();
        if (trial.passes(selfTest.lastFailed()) && trial.commit()) {
          link.updateTrial(false);
        } else {
          LOG.error("release on trial failed its self-test: it rolls back at its deadline");
        }
      } finally {
        proving.set(false);
      }
    });
  }

  private void safely() {
    try {
      lighting.apply();
    } catch (RuntimeException e) {
      LOG.error("lighting tick failed", e);
    }
  }

  private synchronized void scheduleTelemetry(Duration interval) {
    if (telemetryTask != null) {
      telemetryTask.cancel(false);
    }
    telemetryTask = scheduler.scheduleAtFixedRate(() -> {
      try {
        reporter.sample();
      } catch (RuntimeException e) {
        LOG.error("telemetry sample failed", e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs the self-test daily at {@code hour} local time (negative: never), replacing any earlier schedule. */
  private synchronized void scheduleSelfTest(int hour) {
    if (selfTestTask != null) {
      selfTestTask.cancel(false);
      selfTestTask = null;
    }
    if (hour < 0) {
      return;
    }
    long delay = SelfTest.delayToNext(hour, cfg.zone(), clock).toMillis();
    selfTestTask = scheduler.scheduleAtFixedRate(selfTest::run, delay, Duration.ofDays(1).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Time until the next scheduled self-test, if one is scheduled. */
  public synchronized Optional<Duration> nextSelfTestIn() {
    return selfTestTask == null ? Optional.empty()
        : Optional.of(Duration.ofMillis(selfTestTask.getDelay(TimeUnit.MILLISECONDS)));
  }

  private Optional<String> reload() {
    if (configFile == null) {
      return Optional.of("this agent was started without a configuration file");
    }
    try {
      AgentConfig fresh = ConfigLoader.withCentral(ConfigLoader.load(configFile, System.getenv()), central.settings());
      scheduleTelemetry(fresh.telemetryInterval());
      return Optional.empty();
    } catch (ConfigException e) {
      return Optional.of("configuration rejected: " + e.getMessage());
    }
  }

  private void onMessage(String topic, byte[] payload) {
    if (codec.topics().isHubPresence(topic)) {
      try {
        if (codec.decode(topic, payload) instanceof HubStatus h) {
          hubs.heard(h);
          showPresence();
        }
      } catch (DecodeException e) {
        LOG.warn("hub presence unreadable: {}", e.getMessage());
      }
      return;
    }
    if (topic.endsWith("/" + kuzet.protocol.Channel.CONFIG.suffix())) {
      applyCentralConfig(topic, payload);
      return;
    }
    commands.handle(topic, payload);
  }

  /** Settings the hub manages centrally: checked, kept, applied where they can be at once, acknowledged. */
  private void applyCentralConfig(String topic, byte[] payload) {
    central.handle(codec, topic, payload, new CentralConfig.Post(lighting.hasInterior(), this::applyNow, events, () -> {
      identity.configVersion(central.version());
      link.rebirth();
    }));
  }

  /** Everything a CONFIG may change that the running agent can take without a restart. */
  private void applyNow(AgentConfig next) {
    scheduleTelemetry(next.telemetryInterval());
    reporter.motionCooldown(next.motionCooldown());
    scheduleSelfTest(next.selfTestHour());
    lighting.location(new SunSchedule(next.latitude(), next.longitude()));
    lighting.schedule(next.floodlightsHours(), next.interiorHours(), next.zone());
  }

  private void onConnection(boolean up) {
    connected = up;
    if (up) {
      outbox.wake();
    } else {
      hubs.forget();
    }
    showPresence();
  }

  private void showPresence() {
    HubPresence p = HubPresence.of(connected, hubs.state());
    link.hubReachable(p == HubPresence.REACHABLE);
    if (p == HubPresence.REACHABLE) {
      proveTrial();
    }
    statusLed.show(switch (p) {
      case REACHABLE -> LedPattern.STEADY;
      case HUB_DOWN -> LedPattern.HUB_UNREACHABLE;
      case NO_BROKER -> LedPattern.NO_BROKER;
    });
  }

  public HubPresence presence() {
    return HubPresence.of(connected, hubs.state());
  }

  public PanicController panic() {
    return panic;
  }

  public Reporter reporter() {
    return reporter;
  }

  public Lighting lighting() {
    return lighting;
  }

  public Outbox outbox() {
    return outbox;
  }

  public boolean connected() {
    return link.isConnected();
  }

  public Blinker statusLed() {
    return statusLed;
  }

  public Blinker buttonLed() {
    return buttonLed;
  }

  public Blinker beacon() {
    return beacon;
  }

  @Override
  public void close() {
    sender.close();
    link.close();
    scheduler.shutdownNow();
    updates.shutdownNow();
    safety.shutdownNow();
    outbox.close();
  }

  /** Stands in for an output the profile does not have. */
  private static final class NoOutput implements Output {
    @Override
    public void set(boolean on) {
      // not fitted
    }

    @Override
    public boolean isOn() {
      return false;
    }
  }
}
