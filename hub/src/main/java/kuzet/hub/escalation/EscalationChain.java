package kuzet.hub.escalation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is told about an unacknowledged alert, and when: steps in order, each a target and a delay after the
 * alert opened, then reminders to every target reached so far at a fixed interval until acknowledged.
 */
public record EscalationChain(List<Step> steps, Duration reminder) {
  static final Pattern TARGET = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** One step: notify {@code target} once the alert has been open for {@code after}. */
  public record Step(String target, Duration after) {}

  public EscalationChain {
    steps = List.copyOf(steps);
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).after().compareTo(steps.get(i - 1).after()) < 0) {
        throw new IllegalArgumentException("step '" + steps.get(i).target() + "' comes before the step it follows");
      }
    }
  }

  /** Parses {@code district-inspector:0,duty-desk:30,shift-supervisor:120} (seconds after opening). */
  public static EscalationChain parse(String text, Duration reminder) {
    List<Step> steps = new ArrayList<>();
    if (!text.isBlank()) {
      for (String part : text.split(",")) {
        String p = part.trim();
        int colon = p.lastIndexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("step '" + p + "' must be target:seconds, e.g. duty-desk:30");
        }
        String target = p.substring(0, colon).trim();
        if (!TARGET.matcher(target).matches()) {
          throw new IllegalArgumentException("target '" + target + "' must be lower-case letters, digits and '-'");
        }
        long s;
        try {
          s = Long.parseLong(p.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("step '" + p + "': '" + p.substring(colon + 1) + "' is not a whole number of seconds");
        }
        if (s < 0 || s > 86_400) {
          throw new IllegalArgumentException("step '" + p + "': " + s + " s is out of range [0, 86400]");
        }
        steps.add(new Step(target, Duration.ofSeconds(s)));
      }
    }
    return new EscalationChain(steps, reminder);
  }
}
