package kuzet.hub.alert.rules;

import java.time.Duration;

/** The thresholds and delays the rules use for one post, after per-type and per-post overrides. */
public record RuleSettings(
    Duration clearHold,
    Duration mainsLostDelay,
    double batteryLowV,
    double batteryClearV,
    double batteryEmptyV,
    double temperatureMinC,
    double temperatureMaxC,
    double temperatureHysteresisC,
    int sequenceGapMax,
    Duration clockSkewMax,
    Duration selfTestMissingAfter,
    StaffedHours staffedHours) {

  public RuleSettings {
    if (batteryClearV < batteryLowV) {
      throw new IllegalArgumentException("batteryClearV " + batteryClearV + " must be at least batteryLowV " + batteryLowV);
    }
    if (batteryEmptyV >= batteryLowV) {
      throw new IllegalArgumentException("batteryEmptyV " + batteryEmptyV + " must be below batteryLowV " + batteryLowV);
    }
    if (temperatureMinC + 2 * temperatureHysteresisC >= temperatureMaxC) {
      throw new IllegalArgumentException("temperatureMinC " + temperatureMinC + " and temperatureMaxC " + temperatureMaxC
          + " must be more than twice temperatureHysteresisC " + temperatureHysteresisC + " apart");
    }
    if (selfTestMissingAfter.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("selfTestMissingAfterS " + selfTestMissingAfter.toSeconds()
          + " must be at least 3600: posts test themselves once a day");
    }
    if (temperatureHysteresisC < 0) {
      throw new IllegalArgumentException("temperatureHysteresisC must not be negative");
    }
  }
}
