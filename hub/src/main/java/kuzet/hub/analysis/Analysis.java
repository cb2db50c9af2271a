package kuzet.hub.analysis;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole analysis of one scope, read in one go on a worker thread: where, when, how fast, how well, and the
 * headline measures the page, the PDF and the before-and-after comparison share.
 */
public record Analysis(Scope scope, Map<String, Number> headline, Where where, When when, Fast fast, Well well) {

  public static Analysis query(Connection c, Scope scope) throws SQLException {
    Area area = Area.load(c, scope);
    // by the post's district now, as everywhere in the analysis, not the one copied into the alert when it opened
    List<IncidentRow> panics = IncidentReport.query(c, scope.start(), scope.end(), null).rows().stream()
        .filter(r -> area.covers(r.postId())).toList();
    Map<String, RollupSums> rollups = RollupSums.load(c, scope, area);
    Where where = Where.of(area, panics, rollups);
    When when = When.of(scope, When.load(c, scope, area));
    Fast fast = Fast.of(area, panics);
    Well well = Well.of(scope, area, rollups);
    return new Analysis(scope, headline(where, fast, well), where, when, fast, well);
  }

  private static Map<String, Number> headline(Where where, Fast fast, Well well) {
    Map<String, Number> h = new LinkedHashMap<>();
    h.put("posts", well.all().posts());
    h.put("presses", where.posts().stream().mapToLong(Where.Place::presses).sum());
    h.put("falsePresses", where.posts().stream().mapToLong(Where.Place::falsePresses).sum());
    h.put("unacknowledged", fast.unacknowledged());
    h.put("medianSecondsToAcknowledge", fast.all().toAcknowledge().medianS());
    h.put("p90SecondsToAcknowledge", fast.all().toAcknowledge().p90S());
    h.put("medianSecondsToDispatch", fast.all().toDispatch().medianS());
    h.put("p90SecondsToDispatch", fast.all().toDispatch().p90S());
    h.put("tamperEvents", where.posts().stream().mapToLong(Where.Place::tamperEvents).sum());
    h.put("doorEvents", where.posts().stream().mapToLong(Where.Place::doorEvents).sum());
    h.put("availabilityPct", well.all().availabilityPct());
    h.put("mainsOutages", well.all().mainsOutages());
    h.put("mainsOutMinutes", well.all().mainsOutMinutes());
    h.put("darkNightMinutes", well.all().darkNightMinutes());
    h.put("lampFaults", well.all().lampFaults());
    h.put("sensorFaults", well.all().sensorFaults());
    h.put("selfTestsFailed", well.all().selfTestsFailed());
    h.put("daysWithoutSelfTest", well.all().daysWithoutSelfTest());
    return h;
  }
}
