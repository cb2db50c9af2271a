package kuzet.hub.api;

import io.vertx.core.Context;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import kuzet.hub.auth.Access;
import kuzet.hub.auth.Role;
import kuzet.hub.analysis.IncidentCsv;
import kuzet.hub.analysis.IncidentPage;
import kuzet.hub.analysis.IncidentReport;
import kuzet.store.Database;

/** GET /api/reports/incidents?from=&to=&district=&format=csv|html (OPERATOR): the PANIC incident report. */
public final class ReportRoutes {
  static final Duration MAX_SPAN = Duration.ofDays(366);

  private final Context context;
  private final Database db;
  private final Access access;
  private final ZoneId zone;

  public ReportRoutes(Context context, Database db, Access access, ZoneId zone) {
    this.context = context;
    this.db = db;
    this.access = access;
    this.zone = zone;
  }

  public void mount(Router router) {
    router.get("/api/reports/incidents").handler(access.require(Role.OPERATOR)).handler(this::incidents);
  }

  private void incidents(RoutingContext ctx) {
    Instant from = time(ctx, "from");
    Instant to = time(ctx, "to");
    if (!to.isAfter(from)) {
      throw HttpErrors.badRequest("'to' " + to + " must be after 'from' " + from);
    }
    if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      throw HttpErrors.badRequest("the period must be at most 366 days");
    }
    String district = ctx.queryParams().get("district");
    if (district != null && (district.isBlank() || district.length() > 100)) {
      throw HttpErrors.badRequest("'district' must be 1 to 100 characters (leave it out for all districts)");
    }
    String format = ctx.queryParams().get("format") == null ? "html" : ctx.queryParams().get("format");
    if (!format.equals("csv") && !format.equals("html")) {
      throw HttpErrors.badRequest("'format' must be csv or html, not '" + abbreviate(format) + "'");
    }
    db.call(context, c -> IncidentReport.query(c, from, to, district)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (format.equals("csv")) {
        ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
            .putHeader("content-disposition", "attachment; filename=\"panic-incidents.csv\"")
            .end(IncidentCsv.render(ar.result()));
      } else {
        ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(IncidentPage.render(ar.result(), zone));
      }
    });
  }

  /** An ISO-8601 instant, or a date meaning the start of that day in the hub's time zone. */
  private Instant time(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      throw HttpErrors.badRequest("'" + name + "' is required: a date (2026-11-16) or an instant (2026-11-16T00:00:00Z)");
    }
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(zone).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw HttpErrors.badRequest("'" + name + "' value '" + abbreviate(v) + "' is not a date (2026-11-16) or an instant (2026-11-16T00:00:00Z)");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
