package kuzet.hub.api;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertCatalog;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.rules.Staffing;
import kuzet.hub.grouping.GroupingRule;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.hub.fleet.FleetState;
import kuzet.hub.audit.AuditLog;
import kuzet.protocol.PostId;

/** Routes of the alerting features: alert groups, staffing marks, audit verification. */
public final class AlertingRoutes {
  private final Context context;
  private final FleetState fleet;
  private final AlertService alerts;
  private final Staffing staffing;
  private final AuditLog audit;
  private final Access access;
  private final Clock clock;

  public AlertingRoutes(Context context, FleetState fleet, AlertService alerts, Staffing staffing, AuditLog audit, Access access, Clock clock) {
    this.context = context;
    this.fleet = fleet;
    this.alerts = alerts;
    this.staffing = staffing;
    this.audit = audit;
    this.access = access;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/alerts/:id/group").handler(access.require(Role.VIEWER)).handler(this::group);
    router.get("/api/alert-types").handler(access.require(Role.VIEWER))
        .handler(ctx -> HttpErrors.json(ctx, 200, AlertCatalog.all()));
    router.put("/api/posts/:id/staffed").handler(access.require(Role.OPERATOR)).handler(this::staffed);
    router.get("/api/audit/verify").handler(access.require(Role.ADMIN)).handler(ctx ->
        audit.verify(context).onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          var v = ar.result();
          HttpErrors.json(ctx, v.intact() ? 200 : 409, new JsonObject().put("intact", v.intact())
              .put("checked", v.checked()).put("firstBrokenEntry", v.intact() ? null : v.firstBrokenSeq())
              .put("reason", v.reason()).put("message", v.describe()).getMap());
        }));
  }

  /** The alerts of a group (leader first) and the posts they name; a lone alert is a group of one. */
  private void group(RoutingContext ctx) {
    Alert a = alerts.get(RequestBodies.alertId(ctx))
        .orElseThrow(() -> HttpErrors.notFound("no alert with id " + ctx.pathParam("id")));
    Alert leader = a.folded() ? alerts.get(java.util.UUID.fromString(a.groupId())).orElse(a) : a;
    List<Alert> members = leader.groupId() == null ? List.of(leader) : GroupingRule.members(alerts, leader);
    HttpErrors.json(ctx, 200, Map.of("leader", leader, "size", members.size(),
        "posts", members.stream().map(Alert::postId).toList(), "alerts", members));
  }

  /** Body {"staffed": true|false|null}; null hands the decision back to the post's schedule. */
  private void staffed(RoutingContext ctx) {
    PostId id = RequestBodies.postId(ctx);
    JsonObject body = RequestBodies.object(ctx);
    Boolean mark = RequestBodies.staffed(body);
    var post = fleet.post(id).orElseThrow(() -> HttpErrors.notFound("no post '" + id + "' is registered"));
    staffing.mark(id.value(), mark);
    String who = access.principal(ctx);
    audit.record(context, clock.instant(), who, "POST_STAFFED", id.value(), String.valueOf(mark))
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            HttpErrors.json(ctx, 200, new JsonObject().put("postId", id.value()).put("mark", mark)
                .put("staffed", staffing.staffed(post, clock.instant())).getMap());
          }
        });
  }
}
