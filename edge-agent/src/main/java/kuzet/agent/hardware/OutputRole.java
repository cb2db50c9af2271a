package kuzet.agent.hardware;

/**
 * What an output drives. The profile maps each to a BCM pin; SIREN, STATUS_LED and INTERIOR may be absent. PANIC_TEST
 * is the self-test's test line, which closes the panic button's contact (docs/hardware.md, self-test wiring).
 */
public enum OutputRole {
  FLOODLIGHTS("floodlights"), INTERIOR("interior"), BEACON("beacon"), BUTTON_LED("buttonLed"),
  STATUS_LED("statusLed"), SIREN("siren"), PANIC_TEST("panicTest");

  private final String key;

  OutputRole(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
