package kuzet.agent.hardware;

/** What an input senses. FLOOD_FEEDBACK (lamp current sense) exists only on some profiles. */
public enum InputRole {
  PANIC_BUTTON("panic"), DOOR("door"), TAMPER("tamper"), MOTION("motion"), MAINS("mains"),
  FLOOD_FEEDBACK("floodFeedback");

  private final String key;

  InputRole(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
