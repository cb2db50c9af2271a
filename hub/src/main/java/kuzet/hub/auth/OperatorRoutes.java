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
    AuthBodies.NewOperator request;
    try {
      request = AuthBodies.newOperator(ctx.request().getHeader("Content-Type"), ctx.body().buffer());
    } catch (AuthProblem | IllegalArgumentException p) {
      JsonReplies.failure(ctx, p);
      return;
    }
    blocking(ctx, 201, () -> {
      OperatorService.Created c = operators.create(by, request.username(), request.role(), request.password());
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
    AuthBodies.Change request;
    try {
      request = AuthBodies.change(ctx.request().getHeader("Content-Type"), ctx.body().buffer());
    } catch (AuthProblem | IllegalArgumentException p) {
      JsonReplies.failure(ctx, p);
      return;
    }
    blocking(ctx, 200, () -> describe(operators.change(by, username, request.role(), request.password(), request.unlock())))
        .onSuccess(v -> {
          if (request.signsOut()) {
            access.forget(username);
          }
          if (request.unlock()) {
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
