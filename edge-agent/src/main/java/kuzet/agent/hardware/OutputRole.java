package kuzet.agent.hardware;

/** What an output drives. The profile maps each to a BCM pin; SIREN and STATUS_LED may be absent. */
public enum OutputRole {
  FLOODLIGHTS("floodlights"), INTERIOR("interior"), BEACON("beacon"), BUTTON_LED("buttonLed"),
  STATUS_LED("statusLed"), SIREN("siren");

  private final String key;

  OutputRole(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
