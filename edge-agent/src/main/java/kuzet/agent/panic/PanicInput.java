package kuzet.agent.panic;

import java.util.concurrent.CompletableFuture;
import kuzet.agent.hardware.Input;

/**
 * Where the panic button's debounced presses go. The self-test closes the same contact through its test line; the
 * press it waits for is its own and raises no PANIC. A resident who is still holding the button when the test line
 * opens again gets the PANIC all the same ({@link #endTest}).
 */
public final class PanicInput {
  private final Input contact;
  private final Runnable panic;
  private CompletableFuture<Void> testPress;

  public PanicInput(Input contact, Runnable panic) {
    this.contact = contact;
    this.panic = panic;
  }

  /** A debounced press of the contact. */
  public void press() {
    CompletableFuture<Void> test;
    synchronized (this) {
      test = testPress;
      testPress = null;
    }
    if (test != null) {
      test.complete(null);
    } else {
      panic.run();
    }
  }

  /** The next press is the self-test's; the future completes when it has come through the debouncer. */
  public synchronized CompletableFuture<Void> expectTestPress() {
    testPress = new CompletableFuture<>();
    return testPress;
  }

  /**
   * The test line is open again and the contact has had its settle time: if it is still closed, a hand is on the
   * button, and the press the test took was (also) a resident's.
   */
  public void endTest(boolean pressArrived) {
    synchronized (this) {
      testPress = null;
    }
    if (pressArrived && contact.isActive()) {
      panic.run();
    }
  }
}
