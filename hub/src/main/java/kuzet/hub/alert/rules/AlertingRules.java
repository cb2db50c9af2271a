package kuzet.hub.alert.rules;

import java.util.List;
import kuzet.hub.alert.Rule;

/** Every post-condition rule, built from one settings resolver and the staffing state they share. */
public final class AlertingRules {
  private AlertingRules() {}

  public static List<Rule> all(RuleSettingsResolver settings, Staffing staffing) {
    return List.of(new TamperRule(settings), new DoorRule(settings, staffing), new MainsRule(settings),
        new BatteryRule(settings), new TemperatureRule(settings), new FaultRules.Lamp(settings),
        new FaultRules.Sensor(settings), new FaultRules.Hardware(settings), new FaultRules.SelfTest(settings), new SelfTestMissingRule(settings), new SequenceGapRule(settings),
        new ClockSkewRule(settings));
  }
}
