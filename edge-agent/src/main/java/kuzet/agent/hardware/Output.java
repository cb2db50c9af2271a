package kuzet.agent.hardware;

/** One switched output: a relay, a lamp driver or an LED. */
public interface Output {
  void set(boolean on);

  boolean isOn();
}
