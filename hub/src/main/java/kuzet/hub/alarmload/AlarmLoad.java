package kuzet.hub.alarmload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertCatalog;
import kuzet.hub.alert.AlertListener;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertState;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;
import kuzet.hub.alert.Severity;

/**
 * The alarm load an operator carries, measured as EEMUA 191 / ISA-18.2 judge a control room: alarms per 10
 * minutes, share by priority, time to acknowledge, standing alarms, most frequent sources. Only alarms count
 * (maintenance notices do not, {@link AlertCatalog}). On the hub's event loop; the last 24 hours are kept.
 */
public final class AlarmLoad implements AlertListener, Rule {
  static final Duration DAY = Duration.ofHours(24);
  static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  /** An alarm open longer than this is a standing alarm. */
  public static final Duration STANDING = Duration.ofMinutes(30);
  /** More than this many alarms in 10 minutes is a flood (EEMUA 191). */
  public static final int FLOOD = 10;
  static final int KEPT = 20_000;

  record Raised(Instant at, Alert alert) {}

  record Acked(Instant at, Duration after) {}

  private final AlertService alerts;
  private final Deque<Raised> raised = new ArrayDeque<>();
  private final Deque<Acked> acked = new ArrayDeque<>();
  private final MeterRegistry meters;
  private final Timer ackTime;
  private final MultiGauge topSources;

  public AlarmLoad(AlertService alerts, MeterRegistry meters) {
    this.alerts = alerts;
    this.meters = meters;
    this.ackTime = Timer.builder("kuzet.alarm.acknowledge").description("Time from an alarm opening to its acknowledgement")
        .register(meters);
    Gauge.builder("kuzet.alarms.last10m", this, l -> l.snapshot(alerts.now()).lastTenMinutes())
        .description("Alarms opened in the last 10 minutes (about 1 is acceptable, more than 10 is a flood)").register(meters);
    Gauge.builder("kuzet.alarms.standing", this, l -> l.snapshot(alerts.now()).standing().size())
        .description("Alarms open for more than 30 minutes").register(meters);
    for (Severity s : Severity.values()) {
      Gauge.builder("kuzet.alarms.open", this, l -> l.open(s)).tag("priority", s.name())
          .description("Alarms open now, by priority").register(meters);
    }
    this.topSources = MultiGauge.builder("kuzet.alarms.top.sources")
        .description("Alarms of the last 24 hours at the ten posts that raised most").register(meters);
  }

  @Override
  public void changed(Alert before, Alert after) {
    if (!AlertCatalog.isAlarm(after.type())) {
      return;
    }
    if (before == null) {
      raised.addLast(new Raised(after.openedAt(), after));
      Counter.builder("kuzet.alarms.raised").tag("priority", after.severity().name())
          .description("Alarms opened, by priority").register(meters).increment();
    } else if (before.acknowledgedAt() == null && after.acknowledgedAt() != null) {
      Duration d = Duration.between(after.openedAt(), after.acknowledgedAt());
      acked.addLast(new Acked(after.acknowledgedAt(), d));
      ackTime.record(d);
    }
    while (raised.size() > KEPT) {
      raised.removeFirst();
    }
    while (acked.size() > KEPT) {
      acked.removeFirst();
    }
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    Instant dayAgo = now.minus(DAY);
    raised.removeIf(r -> r.at().isBefore(dayAgo));
    acked.removeIf(a -> a.at().isBefore(dayAgo));
    topSources.register(snapshot(now).topSources().stream()
        .map(s -> MultiGauge.Row.of(Tags.of("post", s.postId()), s.alarms())).toList(), true);
  }

  private long open(Severity s) {
    return alerts.list(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED)).stream()
        .filter(a -> a.severity() == s && AlertCatalog.isAlarm(a.type()) && !a.folded()).count();
  }

  /** The load as of {@code now}. */
  public LoadSnapshot snapshot(Instant now) {
    List<Alert> active = alerts.list(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED)).stream()
        .filter(a -> AlertCatalog.isAlarm(a.type()) && !a.folded()).toList();
    return LoadSnapshot.of(now, raised.stream().map(Raised::alert).toList(),
        acked.stream().map(Acked::after).toList(), active);
  }
}
