package kuzet.hub.web;

import io.vertx.ext.web.handler.BodyHandler;

/**
 * The only way the hub reads request bodies: JSON up to a limit, and never file uploads. A body handler that
 * accepts uploads writes every multipart file to disk before any sign-in check, and keeps it.
 */
public final class Bodies {
  /** The API's JSON bodies (notes, commands, alerting settings). */
  public static final int API_LIMIT = 64 * 1024;
  /** Sign-in and operator changes: a username, a role, a password. */
  public static final int SMALL_LIMIT = 8 * 1024;

  private Bodies() {}

  /**
   * Reads the body up to {@code bytes} (413 beyond). Vert.x runs only the first body handler a request
   * meets, so a route with a smaller limit must be mounted before the catch-all {@code /api/*} one.
   */
  public static BodyHandler limit(int bytes) {
    return BodyHandler.create(false).setBodyLimit(bytes).setMergeFormAttributes(false);
  }
}
