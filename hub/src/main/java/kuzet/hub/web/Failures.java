package kuzet.hub.web;

import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import kuzet.hub.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unexpected failures of a request: the full reason goes to the hub's log under a short id, the caller gets
 * only that id. Exception texts name classes, files and SQL, which help an attacker and never the operator.
 */
public final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Failures() {}

  /** Logs {@code failure} and returns the message for the response body. */
  public static String internal(RoutingContext ctx, Throwable failure) {
    byte[] id = new byte[4];
    RANDOM.nextBytes(id);
    String ref = HexFormat.of().formatHex(id);
    LOG.error("error {}: {} {} failed", ref, ctx.request().method(), LogText.clean(ctx.request().path()), failure);
    return "internal error " + ref + "; the hub's log has the details under this id";
  }
}
