package kuzet.hub.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The auth routes' request bodies, decoded and checked from the raw Content-Type and bytes. Every failure
 * is an {@link AuthProblem} (4xx) or an {@link IllegalArgumentException} (400) that says what was wrong;
 * the fuzz test holds them to that.
 */
final class AuthBodies {
  record SignIn(String username, String password) {}

  record NewOperator(String username, Role role, String password) {}

  record Change(Role role, String password, boolean unlock) {
    boolean signsOut() {
      return role != null || password != null;
    }
  }

  private AuthBodies() {
  }

  static SignIn signIn(String contentType, Buffer raw) {
    JsonObject body = JsonReplies.body(contentType, raw, Set.of("username", "password"));
    String username = JsonReplies.required(body, "username").trim().toLowerCase();
    String password = JsonReplies.required(body, "password");
    if (password.length() > PasswordPolicy.MAX_LENGTH) {
      throw new AuthProblem(400, "password is longer than " + PasswordPolicy.MAX_LENGTH + " characters");
    }
    return new SignIn(username, password);
  }

  static NewOperator newOperator(String contentType, Buffer raw) {
    JsonObject body = JsonReplies.body(contentType, raw, Set.of("username", "role", "password"));
    Role role = JsonReplies.role(JsonReplies.required(body, "role"));
    String username = JsonReplies.required(body, "username");
    Operator.checkUsername(username);
    String password = JsonReplies.string(body, "password");
    if (password != null) {
      PasswordPolicy.check(password);
    }
    return new NewOperator(username, role, password);
  }

  static Change change(String contentType, Buffer raw) {
    JsonObject body = JsonReplies.body(contentType, raw, Set.of("role", "password", "unlock"));
    if (body.containsKey("unlock") && !(body.getValue("unlock") instanceof Boolean)) {
      throw new AuthProblem(400, "field 'unlock' must be true or false");
    }
    String role = JsonReplies.string(body, "role");
    String password = JsonReplies.string(body, "password");
    if (password != null) {
      PasswordPolicy.check(password);
    }
    return new Change(role == null ? null : JsonReplies.role(role), password, body.getBoolean("unlock", false));
  }
}
