package kuzet.hub.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import kuzet.hub.web.Bodies;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Admin-only management of operators: {@code GET/POST /api/operators}, {@code PATCH/DELETE /api/operators/:username}.
 * A generated password appears once, in the reply that created it.
 */
final class OperatorRoutes {
  static final String PATH = "/api/operators";

  private final SessionAccess access;
  private final OperatorService operators;
  private final SignInThrottle throttle;
  private final java.time.Clock clock;

  OperatorRoutes(SessionAccess access, OperatorService operators, SignInThrottle throttle, java.time.Clock clock) {
    this.access = access;
    this.operators = operators;
    this.throttle = throttle;
    this.clock = clock;
  }

  void mount(Router router) {
    router.route(PATH + "*").handler(Bodies.limit(Bodies.SMALL_LIMIT));
    router.get(PATH).handler(access.require(Role.ADMIN)).handler(this::list);
    router.post(PATH).handler(access.require(Role.ADMIN)).handler(this::create);
    router.patch(PATH + "/:username").handler(access.require(Role.ADMIN)).handler(this::change);
    router.delete(PATH + "/:username").handler(access.require(Role.ADMIN)).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    blocking(ctx, 200, () -> {
      JsonArray out = new JsonArray();
      operators.list().forEach(op -> out.add(describe(op)));
      return out;
    });
  }

  private void create(RoutingContext ctx) {
    String by = access.principal(ctx);
    JsonObject body;
    try {
      body = JsonReplies.body(ctx, Set.of("username", "role", "password"));
    } catch (AuthProblem p) {
      JsonReplies.failure(ctx, p);
      return;
    }
    blocking(ctx, 201, () -> {
      Role role = JsonReplies.role(JsonReplies.required(body, "role"));
      OperatorService.Created c = operators.create(by, JsonReplies.required(body, "username"), role,
          JsonReplies.string(body, "password"));
      JsonObject out = describe(c.operator());
      if (c.generatedPassword() != null) {
        out.put("password", c.generatedPassword());
      }
      return out;
    });
  }

  private void change(RoutingContext ctx) {
    String by = access.principal(ctx);
    String username = ctx.pathParam("username");
    JsonObject body;
    try {
      body = JsonReplies.body(ctx, Set.of("role", "password", "unlock"));
      if (body.containsKey("unlock") && !(body.getValue("unlock") instanceof Boolean)) {
        throw new AuthProblem(400, "field 'unlock' must be true or false");
      }
    } catch (AuthProblem p) {
      JsonReplies.failure(ctx, p);
      return;
    }
    blocking(ctx, 200, () -> {
      String role = JsonReplies.string(body, "role");
      Operator op = operators.change(by, username, role == null ? null : JsonReplies.role(role),
          JsonReplies.string(body, "password"), body.getBoolean("unlock", false));
      return describe(op);
    }).onSuccess(v -> {
      if (body.containsKey("role") || body.containsKey("password")) {
        access.forget(username);
      }
      if (body.getBoolean("unlock", false)) {
        throttle.forget(username);
      }
    });
  }

  private void delete(RoutingContext ctx) {
    String by = access.principal(ctx);
    String username = ctx.pathParam("username");
    ctx.vertx().executeBlocking(() -> {
      operators.delete(by, username);
      return null;
    }, false).onFailure(t -> JsonReplies.failure(ctx, t)).onSuccess(v -> {
      access.forget(username);
      ctx.response().setStatusCode(204).end();
    });
  }

  private io.vertx.core.Future<Object> blocking(RoutingContext ctx, int status, Callable<Object> work) {
    return ctx.vertx().executeBlocking(work, false)
        .onFailure(t -> JsonReplies.failure(ctx, t))
        .onSuccess(result -> JsonReplies.send(ctx, status, result));
  }

  /** lockedUntil: until when some address must wait before trying this account again (see {@link SignInThrottle}). */
  private JsonObject describe(Operator op) {
    return new JsonObject()
        .put("username", op.username())
        .put("role", op.role().name().toLowerCase())
        .put("createdAt", op.createdAt().toString())
        .put("failedAttempts", op.failedAttempts())
        .put("lockedUntil", throttle.blockedUntil(op.username(), clock.instant()).map(Object::toString).orElse(null));
  }
}
