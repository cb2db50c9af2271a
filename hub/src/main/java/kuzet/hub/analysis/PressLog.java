package kuzet.hub.analysis;

import io.vertx.core.Context;
import java.sql.PreparedStatement;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;
import kuzet.registry.RegisteredPost;
import kuzet.store.Database;
import kuzet.protocol.Event;
import kuzet.protocol.EventKind;
import kuzet.protocol.PostMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Remembers when each incident's button was pressed (the first PANIC's own timestamp) for the report. */
public final class PressLog implements Rule {
  private static final Logger LOG = LoggerFactory.getLogger(PressLog.class);

  private final Context context;
  private final Database db;

  public PressLog(Context context, Database db) {
    this.context = context;
    this.db = db;
  }

  @Override
  public void onMessage(RegisteredPost post, PostMessage message, RuleContext ctx) {
    if (!(message instanceof Event e) || e.kind() != EventKind.PANIC) {
      return;
    }
    db.call(context, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO panic_presses (incident_id, post_id, pressed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, e.incidentId().toString());
        ps.setString(2, post.id().value());
        ps.setString(3, e.ts().toString());
        ps.executeUpdate();
      }
      return null;
    }).onFailure(err -> LOG.error("could not store the press time of incident {}: {}", e.incidentId(), err.getMessage()));
  }
}
