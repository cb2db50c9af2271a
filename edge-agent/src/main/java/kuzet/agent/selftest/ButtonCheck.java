package kuzet.agent.selftest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kuzet.agent.hardware.Board;
import kuzet.agent.hardware.Input;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.hardware.Output;
import kuzet.agent.hardware.OutputRole;
import kuzet.agent.panic.PanicInput;

/**
 * The panic path from the contact on: the test line closes the button's contact, and the press must come through the
 * same input pin and debouncer as a resident's, within the debounce and hold time and a margin. It raises no PANIC.
 */
public final class ButtonCheck {
  private static final Duration MARGIN = Duration.ofMillis(500);
  private final Board board;
  private final PanicInput presses;
  private final Duration pressTime;

  /** debounce and hold: the button's own settings (panic.debounceMs, panic.holdMs). */
  public ButtonCheck(Board board, PanicInput presses, Duration debounce, Duration hold) {
    this.board = board;
    this.presses = presses;
    this.pressTime = debounce.plus(hold);
  }

  /** "ok" or what is wrong. */
  String run() {
    Output line = board.output(OutputRole.PANIC_TEST).orElse(null);
    if (line == null) {
      return "no test line (output.panicTest) in the hardware profile: the button cannot be tested";
    }
    Input contact = board.input(InputRole.PANIC_BUTTON).orElseThrow();
    if (contact.isActive()) {
      // a resident's press would have raised a PANIC, and a self-test waits for the panic to end
      return "the button's contact is closed before the test: stuck button or shorted wiring";
    }
    CompletableFuture<Void> press = presses.expectTestPress();
    boolean arrived = false;
    line.set(true);
    try {
      press.get(pressTime.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
      arrived = true;
    } catch (TimeoutException e) {
      // reported below
    } catch (ExecutionException e) {
      return "the test press failed: " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } finally {
      line.set(false);
      settle();
      presses.endTest(arrived);
    }
    return arrived ? "ok" : "no press came through the button input within " + pressTime.plus(MARGIN).toMillis()
        + " ms of closing the test line: test line, button wiring or input broken";
  }

  /**
   * Until the debouncer has reported the release: its settle time is the whole debounce + hold, and a resident's press
   * before that would join the test's press and never be reported; {@link PanicInput#endTest} catches it instead.
   */
  private void settle() {
    try {
      Thread.sleep(pressTime.toMillis() + 20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
