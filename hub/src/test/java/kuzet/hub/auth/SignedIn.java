package kuzet.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** A test client's session: the cookie to send and the CSRF token to echo. */
record SignedIn(AuthServer server, String cookie, String csrf) {

  static SignedIn as(AuthServer server, String user, String password) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/session",
        new JsonObject().put("username", user).put("password", password).encode(), "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new SignedIn(server, setCookie.substring(0, setCookie.indexOf(';')), new JsonObject(r.body()).getString("csrfToken"));
  }

  HttpResponse<String> get(String path) throws Exception {
    return server.send("GET", path, null, "Cookie", cookie);
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return send("POST", path, json);
  }

  HttpResponse<String> send(String method, String path, String json) throws Exception {
    if (json == null) {
      return server.send(method, path, null, "Cookie", cookie, SessionAccess.CSRF_HEADER, csrf);
    }
    return server.send(method, path, json, "Content-Type", "application/json", "Cookie", cookie, SessionAccess.CSRF_HEADER, csrf);
  }
}
