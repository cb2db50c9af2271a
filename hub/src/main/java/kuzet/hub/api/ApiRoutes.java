package kuzet.hub.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertState;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.hub.command.CommandResult;
import kuzet.hub.command.CommandService;
import kuzet.hub.fleet.FleetState;
import kuzet.protocol.PostId;

/** The JSON API under /api (see docs and /api/openapi.yaml). Every route goes through {@link Access}. */
public final class ApiRoutes {
  private final FleetState fleet;
  private final AlertService alerts;
  private final CommandService commands;
  private final EventStream stream;
  private final Access access;

  public ApiRoutes(FleetState fleet, AlertService alerts, CommandService commands, EventStream stream, Access access) {
    this.fleet = fleet;
    this.alerts = alerts;
    this.commands = commands;
    this.stream = stream;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/posts").handler(access.require(Role.VIEWER)).handler(ctx -> HttpErrors.json(ctx, 200, fleet.list()));
    router.get("/api/posts/:id").handler(access.require(Role.VIEWER)).handler(this::post);
    router.post("/api/posts/:id/commands").handler(access.require(Role.OPERATOR)).handler(this::command);
    router.get("/api/alerts").handler(access.require(Role.VIEWER)).handler(this::alerts);
    router.get("/api/alerts/:id").handler(access.require(Role.VIEWER)).handler(ctx ->
        HttpErrors.json(ctx, 200, alerts.get(RequestBodies.alertId(ctx))
            .orElseThrow(() -> HttpErrors.notFound("no alert with id " + ctx.pathParam("id")))));
    router.post("/api/alerts/:id/ack").handler(access.require(Role.OPERATOR)).handler(ctx ->
        act(ctx, (id, who, body) -> alerts.acknowledge(id, who, RequestBodies.note(body, false))));
    router.post("/api/alerts/:id/dispatch").handler(access.require(Role.OPERATOR)).handler(ctx ->
        act(ctx, (id, who, body) -> alerts.dispatch(id, who, RequestBodies.note(body, false))));
    router.post("/api/alerts/:id/resolve").handler(access.require(Role.OPERATOR)).handler(ctx ->
        act(ctx, (id, who, body) -> alerts.resolve(id, who, RequestBodies.note(body, true))));
    router.get("/api/stream").handler(access.require(Role.VIEWER)).handler(stream::handle);
  }

  private void post(RoutingContext ctx) {
    PostId id = RequestBodies.postId(ctx);
    HttpErrors.json(ctx, 200, fleet.detail(id).orElseThrow(() -> HttpErrors.notFound("no post '" + id + "' is registered")));
  }

  private void alerts(RoutingContext ctx) {
    var values = ctx.queryParam("state");
    Set<AlertState> states;
    if (values.isEmpty()) {
      states = EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED);
    } else {
      states = EnumSet.noneOf(AlertState.class);
      for (String v : values) {
        for (String part : v.split(",")) {
          try {
            states.add(AlertState.valueOf(part.trim().toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            throw HttpErrors.badRequest("state '" + (part.length() > 40 ? part.substring(0, 37) + "..." : part)
                + "' is not one of open, acknowledged, resolved");
          }
        }
      }
    }
    // alerts folded into a group are shown through their group's leader (GET /api/alerts/{id}/group)
    HttpErrors.json(ctx, 200, alerts.list(states).stream().filter(a -> !a.folded()).toList());
  }

  @FunctionalInterface
  private interface AlertAction {
    Future<Alert> apply(UUID id, String who, JsonObject body);
  }

  private void act(RoutingContext ctx, AlertAction action) {
    UUID id = RequestBodies.alertId(ctx);
    JsonObject body = RequestBodies.object(ctx);
    action.apply(id, access.principal(ctx), body).onComplete(ar -> {
      if (ar.succeeded()) {
        HttpErrors.json(ctx, 200, ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private void command(RoutingContext ctx) {
    PostId post = RequestBodies.postId(ctx);
    JsonObject body = RequestBodies.object(ctx);
    RequestBodies.CommandRequest request = RequestBodies.command(body);
    if (fleet.post(post).isEmpty()) {
      throw HttpErrors.notFound("no post '" + post + "' is registered");
    }
    commands.send(post, request.name(), request.args(), null, access.principal(ctx)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      CommandResult r = ar.result();
      HttpErrors.json(ctx, CommandResult.TIMEOUT.equals(r.status()) ? 504 : 200, r);
    });
  }
}
