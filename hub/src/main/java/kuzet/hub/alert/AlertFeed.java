package kuzet.hub.alert;

import io.vertx.core.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import kuzet.store.ChannelListener;
import kuzet.store.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this hub's alerts in step with the other hubs on a shared PostgreSQL database: an alert another hub raised
 * or changed is on this hub's board within a second, merged with this hub's copy ({@link AlertService#adopt}). Every
 * stored change is announced on {@link AlertStore#CHANNEL}; after a lost connection the feed reads every open alert
 * again, since announcements made meanwhile are gone. Nothing to do on SQLite (one hub).
 */
public final class AlertFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

  private final ChannelListener listener;

  private AlertFeed(ChannelListener listener) {
    this.listener = listener;
  }

  public static AlertFeed start(Context context, StoreSettings settings, String hubId, AlertStore store,
                                AlertService alerts) {
    return new AlertFeed(ChannelListener.start(settings, "kuzet-hub-alerts " + hubId, AlertStore.CHANNEL,
        () -> context.runOnContext(v -> store.active(context).onSuccess(list -> list.forEach(alerts::adopt))
            .onFailure(e -> LOG.warn("could not read the open alerts after reconnecting: {}", e.toString()))),
        ids -> context.runOnContext(v -> store.load(context, parse(ids)).onSuccess(list -> list.forEach(alerts::adopt))
            .onFailure(e -> LOG.warn("could not read {} alert(s) other hubs changed: {}", ids.size(), e.toString())))));
  }

  private static Set<UUID> parse(List<String> ids) {
    Set<UUID> out = new LinkedHashSet<>();
    for (String id : ids) {
      try {
        out.add(UUID.fromString(id));
      } catch (IllegalArgumentException e) {
        LOG.warn("ignored a notification that names no alert: '{}'", kuzet.hub.logging.LogText.clean(id));
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
  }
}
