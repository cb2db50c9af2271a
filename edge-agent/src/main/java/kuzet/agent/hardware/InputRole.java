package kuzet.agent.hardware;

/**
 * What an input senses. The *_FEEDBACK inputs are the lamps' current sense (active while the lamp draws current),
 * which the self-test and the floodlight fault check read.
 */
public enum InputRole {
  PANIC_BUTTON("panic"), DOOR("door"), TAMPER("tamper"), MOTION("motion"), MAINS("mains"),
  FLOOD_FEEDBACK("floodFeedback"), INTERIOR_FEEDBACK("interiorFeedback"), BEACON_FEEDBACK("beaconFeedback");

  private final String key;

  InputRole(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The current-sense input of a lamp, if the output is one. */
  public static java.util.Optional<InputRole> feedbackOf(OutputRole lamp) {
    return java.util.Optional.ofNullable(switch (lamp) {
      case FLOODLIGHTS -> FLOOD_FEEDBACK;
      case INTERIOR -> INTERIOR_FEEDBACK;
      case BEACON -> BEACON_FEEDBACK;
      default -> null;
    });
  }
}
