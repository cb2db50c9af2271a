package kuzet.agent.simulator;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Clock;
import kuzet.agent.Agent;
import kuzet.agent.config.AgentConfig;
import kuzet.agent.hardware.HardwareProfile;
import kuzet.agent.hardware.InputRole;
import kuzet.agent.hardware.Pi4jBoard;

/** One full agent on Pi4J's mock platform, with hands to press its button and open its door. */
public final class SimulatedPost implements AutoCloseable {
  private final Pi4jBoard hardware;
  private final Agent agent;
  private final AgentConfig cfg;

  public SimulatedPost(AgentConfig cfg, Clock clock, long seed) {
    this.cfg = cfg;
    this.hardware = Pi4jBoard.open(HardwareProfile.load(cfg.hardwareProfile()), AgentConfig.Platform.MOCK);
    pin(InputRole.MAINS).mockState(DigitalState.HIGH);
    SeasonalSensors sensors = new SeasonalSensors(clock, seed, () -> pin(InputRole.MAINS).state() == DigitalState.HIGH);
    this.agent = new Agent(cfg, hardware.board().withSensors(sensors, sensors), clock, null, seed);
  }

  public SimulatedPost start() {
    agent.start();
    return this;
  }

  public MockDigitalInput pin(InputRole role) {
    return hardware.context().registry().get(role.key(), MockDigitalInput.class);
  }

  /** Holds the panic button long enough to count, then lets go. */
  public void press() throws InterruptedException {
    MockDigitalInput b = pin(InputRole.PANIC_BUTTON);
    b.mockState(DigitalState.HIGH);
    Thread.sleep(cfg.debounce().plus(cfg.hold()).toMillis() + 100);
    b.mockState(DigitalState.LOW);
  }

  /** Closes (down) or opens (up) the panic contact, for a caller that times the press itself. */
  public void button(boolean down) {
    pin(InputRole.PANIC_BUTTON).mockState(down ? DigitalState.HIGH : DigitalState.LOW);
  }

  public void toggle(InputRole role) {
    MockDigitalInput in = pin(role);
    in.mockState(in.state() == DigitalState.HIGH ? DigitalState.LOW : DigitalState.HIGH);
  }

  public Agent agent() {
    return agent;
  }

  public Pi4jBoard hardware() {
    return hardware;
  }

  public AgentConfig config() {
    return cfg;
  }

  @Override
  public void close() {
    agent.close();
    hardware.close();
  }
}
