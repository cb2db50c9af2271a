package kuzet.hub.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import kuzet.hub.analysis.Analysis;
import kuzet.hub.analysis.AnalysisPdf;
import kuzet.hub.analysis.AnalysisTables;
import kuzet.hub.analysis.Comparison;
import kuzet.hub.analysis.Scope;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.store.Database;

/**
 * The district analysis (OPERATOR, like the incident report): GET /api/analysis (JSON), /api/analysis/tables/{table}
 * (CSV), /api/analysis/compare (JSON or CSV) and /api/analysis/report.pdf. Scope: from, to (dates, [from, to) in
 * alerts.timeZone), district, posts (comma-separated ids). Queries run on a worker thread with a pooled
 * connection, not on the database thread, so a year of history being read never holds up an alert being written.
 */
public final class AnalysisRoutes {
  private final Vertx vertx;
  private final Database db;
  private final Access access;
  private final ZoneId zone;

  public AnalysisRoutes(Vertx vertx, Database db, Access access, ZoneId zone) {
    this.vertx = vertx;
    this.db = db;
    this.access = access;
    this.zone = zone;
  }

  public void mount(Router router) {
    router.get("/api/analysis").handler(access.require(Role.OPERATOR)).handler(this::analysis);
    router.get("/api/analysis/tables/:table").handler(access.require(Role.OPERATOR)).handler(this::table);
    router.get("/api/analysis/compare").handler(access.require(Role.OPERATOR)).handler(this::compare);
    router.get("/api/analysis/report.pdf").handler(access.require(Role.OPERATOR)).handler(this::pdf);
  }

  private Scope scope(RoutingContext ctx, String fromName, String toName) {
    var q = ctx.queryParams();
    return Scope.parse(q.get(fromName), q.get(toName), q.get("district"), q.get("posts"), zone);
  }

  private void analysis(RoutingContext ctx) {
    Scope scope = scope(ctx, "from", "to");
    read(ctx, scope).onSuccess(a -> HttpErrors.json(ctx, 200, a));
  }

  private void table(RoutingContext ctx) {
    String table = ctx.pathParam("table");
    if (!AnalysisTables.names().contains(table)) {
      throw HttpErrors.notFound("unknown table '" + (table.length() > 40 ? table.substring(0, 37) + "..." : table)
          + "'; the tables are: " + String.join(", ", AnalysisTables.names()));
    }
    Scope scope = scope(ctx, "from", "to");
    read(ctx, scope).onSuccess(a -> csv(ctx, table, AnalysisTables.csv(table, a)));
  }

  private void compare(RoutingContext ctx) {
    Scope before = scope(ctx, "beforeFrom", "beforeTo");
    Scope after = scope(ctx, "afterFrom", "afterTo");
    String format = format(ctx, "json", "csv");
    vertx.executeBlocking(() -> db.withConnection(c -> Comparison.query(c, before, after)), false)
        .onFailure(ctx::fail)
        .onSuccess(cmp -> {
          if (format.equals("csv")) {
            csv(ctx, "compare", AnalysisTables.csv(cmp));
          } else {
            HttpErrors.json(ctx, 200, cmp);
          }
        });
  }

  private void pdf(RoutingContext ctx) {
    Scope scope = scope(ctx, "from", "to");
    vertx.executeBlocking(() -> AnalysisPdf.render(db.withConnection(c -> Analysis.query(c, scope))), false)
        .onFailure(ctx::fail)
        .onSuccess(bytes -> ctx.response().putHeader("content-type", "application/pdf")
            .putHeader("content-disposition", "attachment; filename=\"analysis-" + scope.from() + "-" + scope.to()
                + ".pdf\"")
            .end(io.vertx.core.buffer.Buffer.buffer(bytes)));
  }

  private io.vertx.core.Future<Analysis> read(RoutingContext ctx, Scope scope) {
    return vertx.executeBlocking(() -> db.withConnection(c -> Analysis.query(c, scope)), false).onFailure(ctx::fail);
  }

  private static void csv(RoutingContext ctx, String name, String body) {
    ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
        .putHeader("content-disposition", "attachment; filename=\"analysis-" + name + ".csv\"").end(body);
  }

  private static String format(RoutingContext ctx, String... allowed) {
    String f = ctx.queryParams().get("format");
    if (f == null) {
      return allowed[0];
    }
    if (!java.util.List.of(allowed).contains(f)) {
      throw HttpErrors.badRequest("'format' must be " + String.join(" or ", allowed) + ", not '"
          + (f.length() > 40 ? f.substring(0, 37) + "..." : f) + "'");
    }
    return f;
  }
}
