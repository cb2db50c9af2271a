package kuzet.hub.escalation;

import kuzet.hub.alert.Alert;

/** One notification to send: which alert (as it was), to whom, and whether it is a step or a reminder. */
public record Notice(Alert alert, String target, int step, int reminder) {
  public String describe() {
    return reminder > 0 ? "reminder " + reminder + " to " + target : "step " + step + " to " + target;
  }
}
