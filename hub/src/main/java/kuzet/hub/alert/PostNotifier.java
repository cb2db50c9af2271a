package kuzet.hub.alert;

import java.util.UUID;
import kuzet.protocol.CommandName;
import kuzet.protocol.PostId;

/** Tells a post about its panic incident (PANIC_RECEIVED, PANIC_ACK, ...). Fire and forget, never blocks. */
@FunctionalInterface
public interface PostNotifier {
  void panicState(PostId post, CommandName name, UUID incidentId, String by);
}
