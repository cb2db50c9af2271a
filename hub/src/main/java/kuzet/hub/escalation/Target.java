package kuzet.hub.escalation;

import java.net.URI;
import java.util.List;

/** Where a named target (a role such as duty-desk) is reached besides the board: a webhook, e-mail addresses. */
public record Target(String name, URI webhook, List<String> emails) {
  public Target {
    emails = List.copyOf(emails);
  }
}
