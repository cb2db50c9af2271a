package kuzet.agent.panic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kuzet.agent.hardware.Input;
import org.junit.jupiter.api.Test;

class PanicInputTest {
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger panics = new AtomicInteger();
  private final Input contact = new Input() {
    @Override
    public boolean isActive() {
      return closed.get();
    }

    @Override
    public void onChange(java.util.function.Consumer<Boolean> listener) {
      // presses are fed by hand here
    }
  };
  private final PanicInput input = new PanicInput(contact, panics::incrementAndGet);

  @Test
  void theSelfTestsPressRaisesNoPanicAndTheNextPressDoes() {
    var test = input.expectTestPress();
    input.press();
    input.endTest(true);
    assertThat(test).isDone();
    assertThat(panics).hasValue(0);
    input.press();
    assertThat(panics).hasValue(1);
  }

  @Test
  void aHandStillOnTheButtonWhenTheTestLineOpensIsAPanic() {
    input.expectTestPress();
    input.press();
    closed.set(true); // the test line is open again, yet the contact stays closed: a resident is holding it
    input.endTest(true);
    assertThat(panics).hasValue(1);
  }

  @Test
  void aTestThatGotNoPressLeavesTheNextPressToTheResident() {
    input.expectTestPress();
    input.endTest(false);
    input.press();
    assertThat(panics).hasValue(1);
  }
}
