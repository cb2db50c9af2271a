package kuzet.hub.command;

import io.vertx.core.Context;
import java.util.function.Consumer;
import kuzet.protocol.CommandAck;
import kuzet.store.ChannelListener;
import kuzet.store.Database;
import kuzet.store.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command acks between active hubs ({@code store.hubs=active}): the broker hands a post's ack to any one hub of the
 * shared subscription, but only the hub that sent the command waits for it. An ack that no command here waits for
 * is passed on through the database ({@code NOTIFY}), and the hub that waits for it takes it there.
 */
public final class AckRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AckRelay.class);
  static final String CHANNEL = "kuzet_command_acks";

  private final ChannelListener listener;

  private AckRelay(ChannelListener listener) {
    this.listener = listener;
  }

  public static AckRelay start(Context context, Database db, String hubId, CommandService commands) {
    commands.onUnknownAck(ack -> db.call(context, c -> {
      db.dialect().notify(c, CHANNEL, Json.write(ack));
      return null;
    }).onFailure(e -> LOG.warn("could not pass on the ack of command {}: {}", ack.commandId(), e.toString())));
    return listen(context, db, hubId, commands::relayed);
  }

  /** Hands {@code relayed} each ack another hub passed on, on {@code context}; what does not read as one is skipped. */
  static AckRelay listen(Context context, Database db, String hubId, Consumer<CommandAck> relayed) {
    return new AckRelay(ChannelListener.start(db.settings(), "kuzet-hub-acks " + hubId, CHANNEL, () -> { },
        payloads -> context.runOnContext(v -> {
          for (String p : payloads) {
            try {
              relayed.accept(Json.read(p, CommandAck.class));
            } catch (RuntimeException e) {
              LOG.warn("ignored an ack another hub passed on that does not read as one: {}", e.getMessage());
            }
          }
        })));
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
  }
}
