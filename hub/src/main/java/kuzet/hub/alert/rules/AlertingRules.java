package kuzet.hub.alert.rules;

import java.util.List;
import kuzet.hub.alert.Rule;

/** Every post-condition rule, built from one settings resolver and the staffing state they share. */
public final class AlertingRules {
  private AlertingRules() {}

  public static List<Rule> all(RuleSettingsResolver settings, Staffing staffing) {
    return all(settings, staffing, true);
  }

  /**
   * @param sequenceChecks false when this hub sees only a share of each post's messages (several active hubs):
   *                       every missing number would look lost, so SEQUENCE_GAP is not raised
   */
  public static List<Rule> all(RuleSettingsResolver settings, Staffing staffing, boolean sequenceChecks) {
    List<Rule> rules = new java.util.ArrayList<>(List.of(new TamperRule(settings), new DoorRule(settings, staffing),
        new MainsRule(settings), new BatteryRule(settings), new TemperatureRule(settings), new FaultRules.Lamp(settings),
        new FaultRules.Sensor(settings), new FaultRules.Hardware(settings), new FaultRules.SelfTest(settings),
        new SelfTestMissingRule(settings), new ClockSkewRule(settings)));
    if (sequenceChecks) {
      rules.add(new SequenceGapRule(settings));
    }
    return List.copyOf(rules);
  }
}
