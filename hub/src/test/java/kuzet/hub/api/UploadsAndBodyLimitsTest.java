package kuzet.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import kuzet.hub.testing.SecuredHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request bodies through the real HTTP server: no file ever reaches the disk, and every route's limit holds. */
class UploadsAndBodyLimitsTest {
  @TempDir
  Path dir;

  @Test
  void multipartUploadsWithoutASessionLeaveNoFileOnDisk() throws Exception {
    Path cwdUploads = Path.of(BodyHandler.DEFAULT_UPLOADS_DIRECTORY).toAbsolutePath();
    long before = SecuredHub.filesUnder(cwdUploads);
    try (SecuredHub h = SecuredHub.start(dir)) {
      for (String path : new String[] {"/api/posts", "/api/session", "/api/operators", "/api/alerts/x/ack", "/api/nothing"}) {
        for (int i = 0; i < 5; i++) {
          Object[] form = SecuredHub.multipart(3, 20_000);
          HttpResponse<String> r = h.send("POST", path, (HttpRequest.BodyPublisher) form[1], "Content-Type", (String) form[0]);
          assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(400, 499);
        }
      }
      assertThat(SecuredHub.filesUnder(cwdUploads)).as("files in " + cwdUploads).isEqualTo(before);
      assertThat(SecuredHub.filesUnder(h.hub.dataDir.resolve(BodyHandler.DEFAULT_UPLOADS_DIRECTORY))).isZero();
      assertThat(SecuredHub.filesUnder(dir.resolve(BodyHandler.DEFAULT_UPLOADS_DIRECTORY))).isZero();
    }
  }

  @Test
  void aSignInBodyOverItsOwnLimitIsRefusedWith413() throws Exception {
    try (SecuredHub h = SecuredHub.start(dir)) {
      String big = new JsonObject().put("username", "x".repeat(9 * 1024)).put("password", "y").encode();
      HttpResponse<String> r = h.send("POST", "/api/session", HttpRequest.BodyPublishers.ofString(big),
          "Content-Type", "application/json");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
      assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("request body too large");

      SecuredHub.Browser admin = h.signedIn(SecuredHub.ADMIN, SecuredHub.ADMIN_PW);
      String bigOperator = new JsonObject().put("username", "someone").put("role", "viewer")
          .put("password", "p".repeat(9 * 1024)).encode();
      assertThat(h.as(admin, "POST", "/api/operators", bigOperator).statusCode()).isEqualTo(413);
      String bigNote = new JsonObject().put("note", "n".repeat(65 * 1024)).encode();
      assertThat(h.as(admin, "POST", "/api/alerts/00000000-0000-0000-0000-000000000000/ack", bigNote).statusCode())
          .isEqualTo(413);
    }
  }
}
