package kuzet.hub.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Before and after: the same area over two periods, each headline measure side by side with its change. */
public record Comparison(Scope before, Scope after, List<Change> changes) {
  /** change = after - before; changePct null when before is 0 or either is unknown. */
  public record Change(String measure, Number before, Number after, Double change, Double changePct) {}

  public static Comparison query(Connection c, Scope before, Scope after) throws SQLException {
    Analysis b = Analysis.query(c, before);
    Analysis a = Analysis.query(c, after);
    List<Change> changes = new ArrayList<>();
    b.headline().forEach((measure, bv) -> {
      Number av = a.headline().get(measure);
      if (bv == null || av == null) {
        changes.add(new Change(measure, bv, av, null, null));
        return;
      }
      BigDecimal delta = new BigDecimal(av.toString()).subtract(new BigDecimal(bv.toString()));
      Double pct = new BigDecimal(bv.toString()).signum() == 0 ? null
          : delta.multiply(BigDecimal.valueOf(100)).divide(new BigDecimal(bv.toString()).abs(), 1, RoundingMode.HALF_UP)
              .doubleValue();
      changes.add(new Change(measure, bv, av, delta.doubleValue(), pct));
    });
    return new Comparison(before, after, changes);
  }
}
