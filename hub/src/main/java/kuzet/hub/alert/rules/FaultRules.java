package kuzet.hub.alert.rules;

import java.util.List;
import java.util.Map;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.Birth;
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
        return activeSubjects(this, AlertingTypes.LAMP_FAULT, post, ctx).stream()
            .map(lamp -> new Reading(lamp, Verdict.GOOD, null)).toList();
      }
      return List.of();
    }
  }

  /** SENSOR_FAULT per sensor; clears once the sensor's reading is back in telemetry. */
  static final class Sensor extends ConditionRule {
    private static final Map<String, java.util.function.Function<Readings, Object>> READINGS = Map.of(
        "temperature", Readings::temperatureC, "humidity", Readings::humidityPct, "battery", Readings::batteryV,
        "door", Readings::doorOpen, "tamper", Readings::tamper, "motion", Readings::motion, "mains", Readings::mainsPresent);

    private static final Map<String, Reading> GOOD = READINGS.keySet().stream()
        .collect(java.util.stream.Collectors.toMap(k -> k, k -> new Reading(k, Verdict.GOOD, null)));

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
        List<Reading> good = new java.util.ArrayList<>(READINGS.size());
        READINGS.forEach((sensor, value) -> {
          if (value.apply(t.readings()) != null) {
            good.add(GOOD.get(sensor));
          }
        });
        return good;
      }
      return List.of();
    }
  }

  /**
   * HARDWARE_FAULT per part (GPIO, I2C bus, a pin), an alarm (MAJOR in AlertCatalog): a post whose GPIO did not come up may have a dead panic
   * button. Raised by the post's HARDWARE_FAULT event; cleared once its Birth or telemetry no longer names the part.
   */
  static final class Hardware extends ConditionRule {
    Hardware(RuleSettingsResolver settings) {
      super(AlertingTypes.HARDWARE_FAULT, true, settings);
    }

    @Override
    List<Reading> evaluate(RegisteredPost post, PostMessage m, RuleSettings s, RuleContext ctx) {
      if (m instanceof Event e && e.kind() == EventKind.HARDWARE_FAULT) {
        String part = e.attributes().get("part");
        return List.of(new Reading(part, Verdict.BAD, "'" + part + "' missing or failing at " + e.ts()
            + (e.attributes().containsKey("reason") ? ": " + e.attributes().get("reason") : "")));
      }
      List<String> faults = m instanceof Birth b ? b.faults() : m instanceof Telemetry t ? t.faults() : null;
      if (faults == null) {
        return List.of();
      }
      return activeSubjects(this, AlertingTypes.HARDWARE_FAULT, post, ctx).stream()
          .filter(part -> !faults.contains(part))
          .map(part -> new Reading(part, Verdict.GOOD, null))
          .toList();
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
            : Reading.bad("self-test failed at " + e.ts() + failedParts(e)));
      }
      return List.of();
    }
  }

  /** The subjects (lamps, parts) of a post's open or acknowledged alerts of one type. */
  private static List<String> activeSubjects(ConditionRule rule, String type, RegisteredPost post, RuleContext ctx) {
    int prefix = rule.key(post.id().value(), "").length() + 1;
    return ctx.alerts().activeFor(post.id().value()).stream()
        .filter(a -> a.type().equals(type))
        .map(a -> a.dedupKey().substring(prefix))
        .toList();
  }

  /** The parts the post names as failed ({@code failed}, each with what it said), or an older post's {@code detail}. */
  private static String failedParts(Event e) {
    String failed = e.attributes().get("failed");
    if (failed == null) {
      return e.attributes().containsKey("detail") ? ": " + e.attributes().get("detail") : "";
    }
    return ": " + java.util.Arrays.stream(failed.split(",")).map(String::strip)
        .map(part -> part + " (" + e.attributes().getOrDefault(part, "failed") + ")")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  static boolean passedSelfTest(Event e) {
    return e.kind() == EventKind.SELF_TEST_RESULT && "true".equals(e.attributes().get("passed"));
  }
}
