package kuzet.hub.alert.rules;

import java.util.List;
import java.util.Map;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;
import kuzet.protocol.Readings;
import kuzet.protocol.Telemetry;

/** The equipment faults a post reports about itself: one rule per alert type, each MINOR and self-clearing. */
final class FaultRules {
  private FaultRules() {}

  /** LAMP_FAULT per lamp; a passed self-test (which exercises the lamps) clears it. */
  static final class Lamp extends ConditionRule {
    Lamp(RuleSettingsResolver settings) {
      super(AlertingTypes.LAMP_FAULT, true, settings);
    }

    @Override
    List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
      if (m instanceof Event e && e.kind() == EventKind.LAMP_FAULT) {
        String lamp = e.attributes().get("lamp");
        return List.of(new Reading(lamp, Verdict.BAD, "lamp '" + lamp + "' faulty at " + e.ts()));
      }
      if (m instanceof Event e && passedSelfTest(e)) {
        return ctx.alerts().list(java.util.EnumSet.of(kuzet.hub.alert.AlertState.OPEN,
                kuzet.hub.alert.AlertState.ACKNOWLEDGED)).stream()
            .filter(a -> a.postId().equals(post.id().value()) && a.type().equals(AlertingTypes.LAMP_FAULT))
            .map(a -> new Reading(a.dedupKey().substring(key(post.id().value(), "").length() + 1), Verdict.GOOD, null))
            .toList();
      }
      return List.of();
    }
  }

  /** SENSOR_FAULT per sensor; clears once the sensor's reading is back in telemetry. */
  static final class Sensor extends ConditionRule {
    private static final Map<String, java.util.function.Function<Readings, Object>> READINGS = Map.of(
        "temperature", Readings::temperatureC, "humidity", Readings::humidityPct, "battery", Readings::batteryV,
        "door", Readings::doorOpen, "tamper", Readings::tamper, "motion", Readings::motion, "mains", Readings::mainsPresent);

    Sensor(RuleSettingsResolver settings) {
      super(AlertingTypes.SENSOR_FAULT, true, settings);
    }

    @Override
    List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
      if (m instanceof Event e && e.kind() == EventKind.SENSOR_FAULT) {
        String sensor = e.attributes().get("sensor");
        return List.of(new Reading(sensor, Verdict.BAD, "sensor '" + sensor + "' faulty at " + e.ts()));
      }
      if (m instanceof Telemetry t) {
        return READINGS.entrySet().stream().filter(r -> r.getValue().apply(t.readings()) != null)
            .map(r -> new Reading(r.getKey(), Verdict.GOOD, null)).toList();
      }
      return List.of();
    }
  }

  /** SELF_TEST_FAILED; the next passed self-test clears it. */
  static final class SelfTest extends ConditionRule {
    SelfTest(RuleSettingsResolver settings) {
      super(AlertingTypes.SELF_TEST_FAILED, true, settings);
    }

    @Override
    List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
      if (m instanceof Event e && e.kind() == EventKind.SELF_TEST_RESULT) {
        return List.of(passedSelfTest(e) ? Reading.good()
            : Reading.bad("self-test failed at " + e.ts() + (e.attributes().containsKey("detail")
                ? ": " + e.attributes().get("detail") : "")));
      }
      return List.of();
    }
  }

  static boolean passedSelfTest(Event e) {
    return e.kind() == EventKind.SELF_TEST_RESULT && "true".equals(e.attributes().get("passed"));
  }
}
