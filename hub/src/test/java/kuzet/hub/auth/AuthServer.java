package kuzet.hub.auth;

import kuzet.store.StoreSettings;
import kuzet.protocol.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Vert.x HTTP server on a free port with {@link SessionAccess} mounted and two stand-in API routes
 * guarded the way the hub guards its own: a VIEWER read and an OPERATOR action.
 */
final class AuthServer implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final SessionAccess access;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AuthServer(Path db, AuthSettings settings, MutableClock clock) throws Exception {
    access = SessionAccess.open(StoreSettings.sqlite(db), settings, clock);
    Router router = Router.router(vertx);
    router.route().handler(kuzet.hub.web.SecurityHeaders::apply);
    access.mount(router);
    router.route("/api/*").handler(kuzet.hub.web.Bodies.limit(kuzet.hub.web.Bodies.API_LIMIT));
    router.get("/api/posts").handler(access.require(Role.VIEWER))
        .handler(ctx -> ctx.json(io.vertx.core.json.JsonObject.of("caller", access.principal(ctx))));
    router.post("/api/alerts/:id/ack").handler(access.require(Role.OPERATOR))
        .handler(ctx -> ctx.json(io.vertx.core.json.JsonObject.of("ackBy", access.principal(ctx))));
    server = vertx.createHttpServer().requestHandler(router).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    access.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
