package kuzet.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Two hubs change one alert at once (one logs and escalates, an operator on the other acknowledges or resolves):
 * whatever order their copies meet in the database and in each hub, every hub ends on the same alert, and nothing
 * either did is lost.
 */
class AlertMergeProperties {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Alert BASE = Alert.open(AlertTypes.PANIC, Severity.CRITICAL, "post-1", "Post 1", "Алатауский",
      UUID.randomUUID(), "PANIC:x", T0, "pressed");

  /** One change a hub can make; a change the alert's state forbids is skipped, as the hub would refuse it. */
  record Step(int kind, int seconds, String who) {
    Alert apply(Alert a) {
      Instant at = T0.plusSeconds(seconds);
      try {
        return switch (kind) {
          case 0 -> a.log(at, AlertAction.RECEIVED_SENT, "system", "PANIC_RECEIVED sent");
          case 1 -> a.repeated(at, "pressed again");
          case 2 -> a.acknowledged(at, who, "on it");
          case 3 -> a.dispatched(at, who, "unit 7");
          case 4 -> a.resolved(at, who, "false alarm");
          case 5 -> a.escalatedTo(a.escalationLevel() + 1).log(at, AlertAction.NOTIFIED, "system", "duty desk");
          default -> a.reopened(at, "back");
        };
      } catch (AlertConflictException e) {
        return a;
      }
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 6),
        Arbitraries.integers().between(1, 600), Arbitraries.of("aigerim", "daniyar")).as(Step::new);
    return step.list().ofMaxSize(4);
  }

  private static Alert run(Alert from, List<Step> steps) {
    Alert a = from;
    for (Step s : steps) {
      a = s.apply(a);
    }
    return a;
  }

  @Property
  void bothHubsEndOnTheSameAlertWhicheverCopyArrivesFirst(@ForAll("steps") List<Step> onA,
                                                           @ForAll("steps") List<Step> onB) {
    Alert a = run(BASE, onA);
    Alert b = run(BASE, onB);
    assertThat(a.merge(b)).isEqualTo(b.merge(a));
  }

  @Property
  void mergingAgainChangesNothing(@ForAll("steps") List<Step> onA, @ForAll("steps") List<Step> onB) {
    Alert a = run(BASE, onA);
    Alert b = run(BASE, onB);
    Alert once = a.merge(b);
    assertThat(a.merge(a)).isEqualTo(a);
    assertThat(once.merge(b)).isEqualTo(once);
    assertThat(once.merge(a)).isEqualTo(once);
  }

  @Property
  void noHistoryLineOfEitherHubIsLost(@ForAll("steps") List<Step> onA, @ForAll("steps") List<Step> onB) {
    Alert a = run(BASE, onA);
    Alert b = run(BASE, onB);
    assertThat(a.merge(b).history()).containsAll(a.history()).containsAll(b.history());
  }

  @Property
  void aResolutionIsNotUndoneByACopyThatNeverSawIt(@ForAll("steps") List<Step> onA) {
    Alert stale = run(BASE, onA.stream().filter(s -> s.kind() != 4 && s.kind() != 6).toList());
    Alert resolved = BASE.resolved(T0.plusSeconds(1), "aigerim", "handled");
    assertThat(stale.merge(resolved).state()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.merge(stale).resolvedBy()).isEqualTo("aigerim");
  }

  @Property
  void anAcknowledgementOnOneHubSurvivesLaterSystemLinesOnTheOther(@ForAll("steps") List<Step> onA) {
    List<Step> systemOnly = onA.stream().filter(s -> s.kind() == 0 || s.kind() == 1 || s.kind() == 5).toList();
    Alert logged = run(BASE, systemOnly);
    Alert acked = BASE.acknowledged(T0.plusSeconds(2), "daniyar", "seen");
    Alert merged = logged.merge(acked);
    assertThat(merged.state()).isEqualTo(AlertState.ACKNOWLEDGED);
    assertThat(merged.acknowledgedBy()).isEqualTo("daniyar");
    assertThat(merged.escalationLevel()).isEqualTo(logged.escalationLevel());
  }

  @Example
  void aCopyReopenedAfterTheResolutionWins() {
    Alert resolved = BASE.resolved(T0.plusSeconds(1), "system", "cleared");
    Alert reopened = resolved.reopened(T0.plusSeconds(5), "back");
    assertThat(resolved.merge(reopened).active()).isTrue();
    assertThat(reopened.merge(resolved).active()).isTrue();
  }

  /** Found by CI: two identical resolution lines in one copy used to fold into one, so the merge looked a life younger. */
  @Example
  void aCopyResolvedTwiceInOneSecondMergesTheSameEveryTime() {
    Instant t1 = T0.plusSeconds(1);
    Alert twice = BASE.resolved(t1, "aigerim", "false alarm").reopened(t1, "back").resolved(t1, "aigerim", "false alarm");
    Alert acked = BASE.acknowledged(t1, "aigerim", "on it");
    Alert once = twice.merge(acked);
    assertThat(once.merge(acked)).isEqualTo(once);
    assertThat(once.merge(twice)).isEqualTo(once);
    assertThat(once.history().stream().filter(e -> e.action() == AlertAction.RESOLVED)).hasSize(2);
  }
}
