package kuzet.hub;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import java.util.List;
import java.util.function.Consumer;
import kuzet.hub.alert.AlertFeed;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertStore;
import kuzet.hub.command.AckRelay;
import kuzet.hub.command.CommandService;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.fleet.PresenceChange;
import kuzet.hub.fleet.SeenRelay;
import kuzet.hub.shelving.Shelving;
import kuzet.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps this hub in step with the other active hubs on one PostgreSQL database ({@code store.hubs=active}):
 * alerts ({@link AlertFeed}), command acks ({@link AckRelay}), when each post was last heard ({@link SeenRelay})
 * and shelves. Each hub ingests its share of the posts' messages; these make the shares one picture on every board.
 */
final class PeerHubs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerHubs.class);

  private final List<AutoCloseable> parts;
  private final Shelving shelving;

  private PeerHubs(List<AutoCloseable> parts, Shelving shelving) {
    this.parts = parts;
    this.shelving = shelving;
  }

  /** @param presence told a post another hub heard that this hub had taken for silent */
  static PeerHubs start(Context context, Database db, String hubId, AlertStore alertStore, AlertService alerts,
                        CommandService commands, FleetState fleet, Shelving shelving, MeterRegistry meters,
                        Consumer<PresenceChange> presence) {
    return new PeerHubs(List.of(
        AlertFeed.start(context, db.settings(), hubId, alertStore, alerts, meters),
        AckRelay.start(context, db, hubId, commands),
        SeenRelay.start(context, db, hubId, fleet, presence)), shelving);
  }

  /** What is read rather than announced (shelves change seldom): call every few seconds. */
  void refresh() {
    shelving.refresh().onFailure(e -> LOG.warn("could not re-read the shelves: {}", e.toString()));
  }

  @Override
  public void close() {
    for (AutoCloseable p : parts) {
      try {
        p.close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", p.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
