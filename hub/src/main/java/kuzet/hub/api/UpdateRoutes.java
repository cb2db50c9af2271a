package kuzet.hub.api;

import io.vertx.core.Future;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.update.DownloadTokens;
import kuzet.hub.update.Releases;
import kuzet.hub.update.Rollouts;
import kuzet.protocol.PostId;
import kuzet.registry.RegisteredPost;

/**
 * Signed agent updates: releases (upload a signed bundle), rollouts (admin), each post's update state, and the
 * download itself, which posts authenticate with the token of their UPDATE command and may resume (HTTP Range).
 */
public final class UpdateRoutes {
  /** The largest release bundle the hub accepts. */
  static final long MAX_BUNDLE_BYTES = 256L * 1024 * 1024;
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,15})-(\\d{0,15})");
  private final FleetState fleet;
  private final Releases releases;
  private final Rollouts rollouts;
  private final Access access;

  public UpdateRoutes(FleetState fleet, Releases releases, Rollouts rollouts, Access access) {
    this.fleet = fleet;
    this.releases = releases;
    this.rollouts = rollouts;
    this.access = access;
  }

  /** The upload reads its own body: mount before the catch-all {@code /api/*} body handler. */
  public void mountUpload(Router router) {
    router.put("/api/releases").handler(ctx -> {
      ctx.request().pause();
      ctx.next();
    }).handler(access.require(Role.ADMIN)).handler(this::upload);
  }

  public void mount(Router router) {
    router.get("/api/releases").handler(access.require(Role.VIEWER))
        .handler(ctx -> HttpErrors.json(ctx, 200, releases.list()));
    router.post("/api/rollouts").handler(access.require(Role.ADMIN)).handler(this::start);
    router.get("/api/rollouts").handler(access.require(Role.VIEWER))
        .handler(ctx -> HttpErrors.json(ctx, 200, rollouts.list()));
    router.get("/api/rollouts/:id").handler(access.require(Role.VIEWER)).handler(ctx ->
        HttpErrors.json(ctx, 200, rollouts.get(RequestBodies.uuid(ctx, "rollout"))
            .orElseThrow(() -> HttpErrors.notFound("no rollout with id " + ctx.pathParam("id")))));
    router.get("/api/posts/:id/update").handler(access.require(Role.VIEWER)).handler(ctx -> {
      PostId id = RequestBodies.postId(ctx);
      fleet.post(id).orElseThrow(() -> HttpErrors.notFound("no post '" + id + "' is registered"));
      HttpErrors.json(ctx, 200, rollouts.postView(id.value()));
    });
    router.get(Rollouts.DOWNLOAD_PATH).handler(this::download);
  }

  private void upload(RoutingContext ctx) {
    long length = ctx.request().headers().contains("content-length")
        ? Long.parseLong(ctx.request().getHeader("content-length")) : -1;
    if (length < 1 || length > MAX_BUNDLE_BYTES) {
      HttpErrors.send(ctx, length < 1 ? 411 : 413, "send the release bundle as the body, with a Content-Length of at"
          + " most " + MAX_BUNDLE_BYTES + " bytes");
      return;
    }
    String by = access.principal(ctx);
    ctx.vertx().<Path>executeBlocking(releases::incoming).compose(path -> receive(ctx, path))
        .compose(path -> releases.register(path, by))
        .onSuccess(r -> HttpErrors.json(ctx, 201, r))
        .onFailure(e -> HttpErrors.send(ctx, e instanceof IllegalStateException ? 409
            : e instanceof IllegalArgumentException ? 400 : 500, e.getMessage()));
  }

  /** The request's body into {@code path}; an upload cut off half-way (the client went away) leaves no file behind. */
  static Future<Path> receive(RoutingContext ctx, Path path) {
    FileSystem fs = ctx.vertx().fileSystem();
    return fs.open(path.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
        .compose(file -> pipe(ctx, file).recover(e -> file.close().transform(closed -> Future.failedFuture(e))))
        .map(path)
        .recover(e -> fs.delete(path.toString()).transform(deleted -> Future.failedFuture(e)));
  }

  /**
   * A client that went away while the file was being opened was reported to nobody (the request had no exception
   * handler yet), so a pipe started now would wait for it for ever. Checked on the event loop, in the same turn as the
   * pipe starts, so a later close reaches the pipe.
   */
  private static Future<Void> pipe(RoutingContext ctx, AsyncFile file) {
    return ctx.response().closed() ? Future.failedFuture(new IOException("the client went away during its upload"))
        : ctx.request().pipeTo(file);
  }

  private void start(RoutingContext ctx) {
    JsonObject body = RequestBodies.object(ctx);
    String version = body.getString("version");
    if (version == null) {
      throw HttpErrors.badRequest("missing field 'version'");
    }
    List<RegisteredPost> posts = new ArrayList<>();
    JsonArray ids = body.getJsonArray("posts");
    String district = body.getString("district");
    if ((ids == null) == (district == null)) {
      throw HttpErrors.badRequest("name either 'posts' (a list of post ids) or 'district'");
    }
    if (ids != null) {
      for (Object o : ids) {
        PostId id = PostId.of(String.valueOf(o));
        posts.add(fleet.post(id).orElseThrow(() -> HttpErrors.badRequest("no post '" + id + "' is registered")));
      }
    } else {
      fleet.list().stream().filter(v -> district.equals(v.district()))
          .forEach(v -> fleet.post(PostId.of(v.id())).ifPresent(posts::add));
    }
    int firstStage = body.getInteger("firstStage", 1);
    try {
      HttpErrors.json(ctx, 201, rollouts.start(version, posts, firstStage, body.getBoolean("allowDowngrade", false),
          access.principal(ctx)));
    } catch (IllegalStateException e) {
      HttpErrors.send(ctx, 409, e.getMessage());
    }
  }

  /**
   * 401 without a token; 403 for a token that opens nothing (never issued, expired, its rollout ended); 404 when the
   * release is not on this hub's disk. Tokens are checked in the database, so any hub of it serves the download.
   */
  private void download(RoutingContext ctx) {
    String auth = ctx.request().getHeader("authorization");
    String token = auth == null || !auth.startsWith("Bearer ") ? "" : auth.substring(7).strip();
    if (token.isEmpty()) {
      HttpErrors.send(ctx, 401, "send the download token of the UPDATE command as 'Authorization: Bearer <token>'");
      return;
    }
    rollouts.open(token).onFailure(ctx::fail).onSuccess(check -> {
      if (check.grant() == null) {
        HttpErrors.send(ctx, check.status(), check.refusal());
      } else {
        serve(ctx, check.grant());
      }
    });
  }

  private void serve(RoutingContext ctx, DownloadTokens.Grant grant) {
    String file = releases.file(grant.fileName()).toString();
    ctx.vertx().fileSystem().props(file).onFailure(e -> HttpErrors.send(ctx, 404, "release " + grant.version()
        + " is not in this hub's updates.dir: hubs that share a database must share updates.dir too")).onSuccess(props -> {
      long size = props.size();
      var res = ctx.response().putHeader("accept-ranges", "bytes").putHeader("content-type", "application/octet-stream")
          .putHeader("cache-control", "no-store");
      String range = ctx.request().getHeader("range");
      if (range == null) {
        res.sendFile(file);
        return;
      }
      Matcher m = RANGE.matcher(range);
      long from = m.matches() ? Long.parseLong(m.group(1)) : -1;
      if (from < 0 || from >= size) {
        res.setStatusCode(416).putHeader("content-range", "bytes */" + size).end();
        return;
      }
      long to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
      res.setStatusCode(206).putHeader("content-range", "bytes " + from + "-" + to + "/" + size)
          .sendFile(file, from, to - from + 1);
    });
  }
}
