package kuzet.agent.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import kuzet.agent.hardware.Board;
import kuzet.agent.hardware.OutputRole;
import kuzet.agent.lighting.Lighting;
import kuzet.agent.panic.Blinker;
import kuzet.agent.panic.LedPattern;
import kuzet.agent.panic.PanicController;
import kuzet.agent.selftest.SelfTest;
import kuzet.protocol.Command;

/** What each hub command does to this post; returns the ack's error, or empty when applied. */
public final class PostActions implements Function<Command, Optional<String>> {
  private final Board board;
  private final Lighting lighting;
  private final Blinker beacon;
  private final PanicController panic;
  private final SelfTest selfTest;
  private final Executor background;
  private final Supplier<Optional<String>> reload;
  private final Clock clock;
  private final Function<Command, Optional<String>> update;

  /** update starts a signed update (kuzet.agent.update.Updater) and answers its ack's error. */
  public PostActions(Board board, Lighting lighting, Blinker beacon, PanicController panic, SelfTest selfTest,
                     Executor background, Supplier<Optional<String>> reload, Clock clock,
                     Function<Command, Optional<String>> update) {
    this.update = update;
    this.board = board;
    this.lighting = lighting;
    this.beacon = beacon;
    this.panic = panic;
    this.selfTest = selfTest;
    this.background = background;
    this.reload = reload;
    this.clock = clock;
  }

  @Override
  public Optional<String> apply(Command c) {
    return switch (c.name()) {
      case LIGHTS -> lights(c);
      case BEACON -> {
        boolean on = c.args().get("mode").equals("on");
        if (!on && panic.active()) {
          yield Optional.of("the beacon stays on while a panic is active");
        }
        beacon.show(on ? LedPattern.STROBE : LedPattern.OFF);
        yield Optional.empty();
      }
      case SIREN -> board.output(OutputRole.SIREN).map(s -> {
        s.set(c.args().get("mode").equals("on"));
        return Optional.<String>empty();
      }).orElse(Optional.of("this post has no siren"));
      case PANIC_RECEIVED, PANIC_ACK, PANIC_DISPATCHED, PANIC_CLEAR -> panic.hubState(c.name(), c.incidentId());
      case SELF_TEST -> {
        background.execute(selfTest::run);
        yield Optional.empty();
      }
      case CONFIG_RELOAD -> reload.get();
      case UPDATE -> update.apply(c);
    };
  }

  private Optional<String> lights(Command c) {
    String mode = c.args().get("mode");
    String duration = c.args().get("durationS");
    Instant until = duration == null ? null : clock.instant().plus(Duration.ofSeconds(Long.parseLong(duration)));
    Boolean on = switch (mode) {
      case "on" -> Boolean.TRUE;
      case "off" -> Boolean.FALSE;
      default -> null;
    };
    return lighting.command(c.args().get("target"), on, until);
  }
}
