package kuzet.hub.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;

/** /health, /metrics, the OpenAPI document and the local Swagger UI. */
public final class OpsRoutes {
  static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/" + swaggerVersion();

  /** What /health checks: the broker link, the telemetry store, and a database round trip. */
  public record Checks(BooleanSupplier broker, BooleanSupplier store, Supplier<Future<Void>> database) {}

  private final Checks checks;
  private final PrometheusMeterRegistry meters;
  private final Access access;
  private final byte[] metricsBearer;
  private final String openApi;

  /** @param metricsToken opens /metrics as {@code Authorization: Bearer <token>}; empty: only an admin's session does */
  public OpsRoutes(Checks checks, PrometheusMeterRegistry meters, Access access, String metricsToken) {
    this.checks = checks;
    this.meters = meters;
    this.access = access;
    this.metricsBearer = metricsToken.isEmpty() ? null : ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
    try (InputStream in = OpsRoutes.class.getResourceAsStream("/openapi/openapi.yaml")) {
      openApi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi/openapi.yaml is missing from the hub's resources", e);
    }
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::tokenOrAdmin).handler(ctx -> ctx.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(meters.scrape()));
    router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("content-type", "application/yaml; charset=utf-8").end(openApi));
    router.get("/api/docs").handler(ctx -> ctx.redirect("/api/docs/"));
    router.get("/api/docs/swagger-initializer.js").handler(ctx -> ctx.response()
        .putHeader("content-type", "application/javascript; charset=utf-8")
        .end("window.onload = function () { window.ui = SwaggerUIBundle({ url: '/api/openapi.yaml', "
            + "dom_id: '#swagger-ui', presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout' }); };\n"));
    router.get("/api/docs/*").handler(StaticHandler.create(SWAGGER_UI).setCachingEnabled(true));
  }

  /** Not "anyone on loopback": behind a local reverse proxy, loopback is everyone. */
  private void tokenOrAdmin(RoutingContext ctx) {
    String sent = ctx.request().getHeader("Authorization");
    if (metricsBearer != null && sent != null
        && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), metricsBearer)) {
      ctx.next();
    } else {
      access.require(Role.ADMIN).handle(ctx);
    }
  }

  private void health(RoutingContext ctx) {
    boolean broker = checks.broker().getAsBoolean();
    boolean store = checks.store().getAsBoolean();
    checks.database().get()
        .timeout(3, java.util.concurrent.TimeUnit.SECONDS)
        .onComplete(db -> {
          boolean up = broker && store && db.succeeded();
          JsonObject body = new JsonObject()
              .put("status", up ? "UP" : "DOWN")
              .put("checks", new JsonObject()
                  .put("broker", broker ? "UP" : "DOWN")
                  .put("store", store ? "UP" : "DOWN")
                  .put("database", db.succeeded() ? "UP" : "DOWN"));
          ctx.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json; charset=utf-8")
              .putHeader("cache-control", "no-store")
              .end(body.encode());
        });
  }

  private static String swaggerVersion() {
    try (InputStream in = OpsRoutes.class.getResourceAsStream(
        "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui WebJar is not on the class path");
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
