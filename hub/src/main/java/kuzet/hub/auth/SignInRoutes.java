package kuzet.hub.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/session} signs in, {@code GET /api/session} says who is signed in (and hands the page its
 * CSRF token again after a reload), {@code DELETE /api/session} signs out.
 */
final class SignInRoutes {
  static final String PATH = "/api/session";
  private static final int BODY_LIMIT = 8 * 1024;

  private final SessionAccess access;
  private final OperatorService operators;

  SignInRoutes(SessionAccess access, OperatorService operators) {
    this.access = access;
    this.operators = operators;
  }

  void mount(Router router) {
    router.route(PATH).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.post(PATH).handler(this::signIn);
    router.get(PATH).handler(this::whoAmI);
    router.delete(PATH).handler(access.require(Role.VIEWER)).handler(this::signOut);
  }

  private void signIn(RoutingContext ctx) {
    String username;
    String password;
    try {
      AuthBodies.SignIn request = AuthBodies.signIn(ctx.request().getHeader("Content-Type"), ctx.body().buffer());
      username = request.username();
      password = request.password();
    } catch (AuthProblem p) {
      JsonReplies.failure(ctx, p);
      return;
    }
    ctx.vertx().executeBlocking(() -> operators.signIn(username, password), false)
        .onFailure(t -> JsonReplies.failure(ctx, t))
        .onSuccess(result -> reply(ctx, result));
  }

  private void reply(RoutingContext ctx, SignInResult result) {
    if (result instanceof SignInResult.Accepted a) {
      access.open(ctx, a.operator())
          .onFailure(t -> JsonReplies.failure(ctx, t))
          .onSuccess(s -> JsonReplies.send(ctx, 200, describe(s)));
    } else if (result instanceof SignInResult.Throttled t) {
      long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      JsonReplies.send(ctx, 429, new JsonObject()
          .put("error", (t.locked() ? "account locked after too many wrong passwords" : "too many wrong passwords")
              + "; try again in " + seconds + " s")
          .put("retryAfterS", seconds)
          .put("locked", t.locked()));
    } else {
      JsonReplies.error(ctx, 401, "wrong username or password");
    }
  }

  private void whoAmI(RoutingContext ctx) {
    Session s = access.current(ctx);
    if (s == null) {
      JsonReplies.error(ctx, 401, "sign in first");
    } else {
      JsonReplies.send(ctx, 200, describe(s));
    }
  }

  private void signOut(RoutingContext ctx) {
    Session s = access.current(ctx);
    access.close(ctx, s)
        .onFailure(t -> JsonReplies.failure(ctx, t))
        .onSuccess(v -> ctx.response().setStatusCode(204).end());
  }

  private static JsonObject describe(Session s) {
    return new JsonObject()
        .put("username", s.username())
        .put("role", s.role().name().toLowerCase())
        .put("csrfToken", s.csrfToken())
        .put("expiresAt", s.expiresAt().toString());
  }
}
