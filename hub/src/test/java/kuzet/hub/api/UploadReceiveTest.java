package kuzet.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receiving an upload's body when the client is already gone, the ordering a busy hub can meet between accepting an
 * upload and opening its file (it failed CI once). Real Vert.x server, real socket, the order forced rather than hoped for.
 */
@ExtendWith(VertxExtension.class)
class UploadReceiveTest {
  @TempDir
  Path dir;

  @Test
  void anUploadWhoseClientLeftBeforeItsFileWasOpenedFailsAndLeavesNoFile(Vertx vertx) throws Exception {
    Path part = Files.createFile(dir.resolve("upload-1.part"));
    CompletableFuture<Throwable> received = new CompletableFuture<>();
    Router router = Router.router(vertx);
    router.put("/api/releases").handler(ctx -> {
      ctx.request().pause();
      // start receiving only once the connection is known closed: nothing listened on the request when it closed
      ctx.response().closeHandler(closed -> UpdateRoutes.receive(ctx, part)
          .onComplete(r -> received.complete(r.cause())));
    });
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    try (Socket client = new Socket("127.0.0.1", server.actualPort())) {
      client.getOutputStream().write(("PUT /api/releases HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().write(new byte[1024]);
    }

    Throwable failure = received.get(10, TimeUnit.SECONDS);
    assertThat(failure).as("the receive ends, failed, instead of waiting for a body that will never come").isNotNull();
    assertThat(part).as("the partial upload is removed").doesNotExist();
  }
}
