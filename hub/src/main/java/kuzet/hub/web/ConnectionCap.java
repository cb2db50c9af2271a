package kuzet.hub.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections beyond a bound ({@code http.maxConnections}): Vert.x accepts as many as the operating
 * system hands it, and each holds memory and a file descriptor the hub also needs for its database and broker.
 */
public final class ConnectionCap implements Handler<HttpConnection> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private long refused;

  public ConnectionCap(int max) {
    this.max = max;
  }

  @Override
  public void handle(HttpConnection connection) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      if (refused++ % 1000 == 0) {
        LOG.warn("HTTP connection from {} closed: {} connections are open (http.maxConnections); {} refused so far",
            connection.remoteAddress(), max, refused);
      }
      connection.close();
      return;
    }
    connection.closeHandler(v -> open.decrementAndGet());
  }

  public int open() {
    return open.get();
  }
}
