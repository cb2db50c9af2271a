package kuzet.hub.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashMap;

import java.util.Map;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.postconfig.PostConfigs;
import kuzet.protocol.PostId;
import kuzet.protocol.PostSetting;

/** Posts' centrally managed settings: read them (VIEWER), change them for a post, a district or a type (ADMIN). */
public final class ConfigRoutes {
  private final FleetState fleet;
  private final PostConfigs configs;
  private final Access access;

  public ConfigRoutes(FleetState fleet, PostConfigs configs, Access access) {
    this.fleet = fleet;
    this.configs = configs;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/config/settings").handler(access.require(Role.VIEWER)).handler(ctx ->
        HttpErrors.json(ctx, 200, Arrays.stream(PostSetting.values()).map(ConfigRoutes::describe).toList()));
    router.get("/api/posts/:id/config").handler(access.require(Role.VIEWER)).handler(this::show);
    router.post("/api/config").handler(access.require(Role.ADMIN)).handler(this::change);
  }

  private static Map<String, Object> describe(PostSetting s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", s.key());
    m.put("form", s.form().name().toLowerCase(java.util.Locale.ROOT));
    // "hub": the hub's rules read it and the post is not sent it (staffed hours)
    m.put("appliedBy", s.applies().name().toLowerCase(java.util.Locale.ROOT));
    if (s.form() != PostSetting.Form.WINDOW) {
      m.put("min", s.min());
      m.put("max", s.max());
    }
    return m;
  }

  private void show(RoutingContext ctx) {
    PostId id = RequestBodies.postId(ctx);
    if (fleet.post(id).isEmpty()) {
      throw HttpErrors.notFound("no post '" + id + "' is registered");
    }
    Long reported = fleet.configVersion(id).orElse(null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("postId", id.value());
    out.put("reportedVersion", reported);
    configs.desired(id).ifPresent(d -> {
      out.put("desiredVersion", d.version());
      out.put("settings", d.settings());
      out.put("changedBy", d.changedBy());
      out.put("changedAt", d.changedAt());
      out.put("status", d.status(reported));
    });
    HttpErrors.json(ctx, 200, out);
  }

  private void change(RoutingContext ctx) {
    ConfigRequest r = ConfigRequest.parse(RequestBodies.object(ctx), fleet);
    configs.change(r.posts(), r.changes(), access.principal(ctx)).onSuccess(all -> HttpErrors.json(ctx, 200,
        Map.of("changed", all.stream().map(d -> Map.of("postId", d.postId(), "configVersion", d.version())).toList())))
        .onFailure(ctx::fail);
  }

}
