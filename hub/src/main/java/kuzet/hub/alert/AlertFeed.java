package kuzet.hub.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * stored change is announced on {@link AlertStore#CHANNEL} with the hub that made it; this hub's own are skipped (it
 * holds them already). After a lost connection the feed reads every open alert again, since announcements made
 * meanwhile are gone. Nothing to do on SQLite (one hub).
 */
public final class AlertFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
  /** Alerts read again because another hub announced a change to them. */
  public static final String READS = "kuzet_alert_feed_reads";

  private final ChannelListener listener;

  private AlertFeed(ChannelListener listener) {
    this.listener = listener;
  }

  /** @param store the store this hub writes through ({@link AlertStore#shared} with {@code hubId}) */
  public static AlertFeed start(Context context, StoreSettings settings, String hubId, AlertStore store,
                                AlertService alerts, MeterRegistry meters) {
    Counter reads = Counter.builder(READS).description("Alerts read again because another hub changed them")
        .register(meters);
    return new AlertFeed(ChannelListener.start(settings, "kuzet-hub-alerts " + hubId, AlertStore.CHANNEL,
        () -> context.runOnContext(v -> store.active(context).onSuccess(list -> list.forEach(alerts::adopt))
            .onFailure(e -> LOG.warn("could not read the open alerts after reconnecting: {}", e.toString()))),
        payloads -> {
          Set<UUID> ids = othersChanged(hubId, payloads);
          if (!ids.isEmpty()) {
            reads.increment(ids.size());
            context.runOnContext(v -> store.load(context, ids).onSuccess(list -> list.forEach(alerts::adopt))
                .onFailure(e -> LOG.warn("could not read {} alert(s) other hubs changed: {}", ids.size(),
                    e.toString())));
          }
        }));
  }

  /** The alerts named in {@code payloads} that a hub other than {@code hubId} changed. */
  static Set<UUID> othersChanged(String hubId, List<String> payloads) {
    Set<UUID> out = new LinkedHashSet<>();
    for (String payload : payloads) {
      try {
        AlertStore.Change change = AlertStore.Change.parse(payload);
        if (!hubId.equals(change.hubId())) {
          out.add(change.alertId());
        }
      } catch (IllegalArgumentException e) {
        LOG.warn("ignored a notification that names no alert: '{}'", kuzet.hub.logging.LogText.clean(payload));
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
