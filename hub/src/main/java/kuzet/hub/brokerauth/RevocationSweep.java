package kuzet.hub.brokerauth;

import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the broker session of every revoked post that still has one. The authorizer refuses a revoked post's next
 * publish or subscription, but a post that only listens would keep receiving its commands on the connection it
 * already has; posts are revoked by the provisioning CLI in another process, so the registry is read again on
 * every sweep. The session is removed too, so nothing queued for the post outlives its revocation.
 */
final class RevocationSweep implements Runnable {
  static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(RevocationSweep.class);

  private final PostRegistry registry;
  private final ClientService clients;

  RevocationSweep(PostRegistry registry, ClientService clients) {
    this.registry = registry;
    this.clients = clients;
  }

  void schedule(ScheduledExecutorService executor) {
    executor.scheduleWithFixedDelay(this, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    try {
      for (RegisteredPost p : registry.all()) {
        if (!p.active()) {
          end(p.id().value());
        }
      }
    } catch (RuntimeException e) {
      log.error("revocation sweep: the registry could not be read; trying again in {} s", INTERVAL.toSeconds(), e);
    }
  }

  private void end(String clientId) {
    clients.getSession(clientId).thenAccept(session -> session.ifPresent(s -> {
      log.warn("ending the broker session of revoked post {}", clientId);
      clients.invalidateSession(clientId);
    }));
  }
}
