package kuzet.hub.grouping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import kuzet.hub.alert.Alert;
import kuzet.hub.alert.AlertAction;
import kuzet.hub.alert.AlertService;
import kuzet.hub.alert.AlertState;
import kuzet.hub.alert.Rule;
import kuzet.hub.alert.RuleContext;

/**
 * Folds many alerts of one groupable type in one district (a power or network failure) into one incident.
 * The earliest alert leads the group: it carries the group's id (its own) and size, and the board shows
 * only it; the others keep their own lifecycle but are folded behind it. Later alerts join while the
 * leader is active; if the leader resolves first, the rest regroup or come back as single alerts.
 * PANIC is never a groupable type.
 */
public final class GroupingRule implements Rule {
  @Override
  public boolean needsDuty() {
    return true;
  }

  static final int NAMES_IN_HISTORY = 200;

  private final GroupingSettings settings;

  public GroupingRule(GroupingSettings settings) {
    this.settings = settings;
  }

  @Override
  public void onTick(Instant now, RuleContext ctx) {
    AlertService alerts = ctx.alerts();
    Map<String, List<Alert>> byTypeAndDistrict = alerts.list(EnumSet.of(AlertState.OPEN, AlertState.ACKNOWLEDGED))
        .stream().filter(a -> settings.types().contains(a.type()))
        .collect(Collectors.groupingBy(a -> a.type() + "\u0000" + a.district()));
    byTypeAndDistrict.values().forEach(list -> regroup(list, now, alerts));
  }

  private void regroup(List<Alert> active, Instant now, AlertService alerts) {
    Optional<Alert> leader = active.stream().filter(a -> a.groupId() != null && !a.folded()).findFirst();
    if (leader.isPresent()) {
      List<Alert> joining = active.stream().filter(a -> a.groupId() == null
          || a.folded() && !a.groupId().equals(leader.get().groupId())).toList();
      if (!joining.isEmpty()) {
        fold(leader.get(), joining, leader.get().groupSize() + joining.size(), now, alerts, "joined");
      }
      return;
    }
    List<Alert> candidates = active.stream()
        .filter(a -> a.groupId() != null || !a.openedAt().isBefore(now.minus(settings.window())))
        .sorted(Comparator.comparing(Alert::openedAt)).toList();
    if (candidates.size() >= settings.minPosts()) {
      Alert head = candidates.get(0);
      fold(head, candidates.subList(1, candidates.size()), candidates.size(), now, alerts, "grouped with");
    } else {
      for (Alert orphan : active.stream().filter(a -> a.groupId() != null).toList()) {
        alerts.update(orphan, a -> a.grouped(null, 0).log(now, AlertAction.GROUPED, "system",
            "group ended, shown on its own again"), null);
      }
    }
  }

  private void fold(Alert head, List<Alert> members, int size, Instant now, AlertService alerts, String verb) {
    String group = head.id().toString();
    List<String> posts = new ArrayList<>();
    for (Alert m : members) {
      posts.add(m.postId());
      alerts.update(m, a -> a.grouped(group, 0).log(now, AlertAction.GROUPED, "system",
          "folded into group " + group + " (" + head.type() + " in " + head.district() + ")"), null);
    }
    String names = posts.size() <= NAMES_IN_HISTORY ? String.join(", ", posts)
        : String.join(", ", posts.subList(0, NAMES_IN_HISTORY)) + " and " + (posts.size() - NAMES_IN_HISTORY) + " more";
    alerts.update(head, a -> a.grouped(group, size).log(now, AlertAction.GROUPED, "system",
        size + " posts in " + head.district() + " with " + head.type() + ": " + names + " " + verb + " " + head.postId()), null);
  }

  /** Every alert in the group led by {@code leader}, leader first. */
  public static List<Alert> members(AlertService alerts, Alert leader) {
    String group = leader.id().toString();
    List<Alert> out = new ArrayList<>();
    out.add(leader);
    alerts.list(EnumSet.allOf(AlertState.class)).stream()
        .filter(a -> group.equals(a.groupId()) && !a.id().equals(leader.id()))
        .sorted(Comparator.comparing(Alert::openedAt)).forEach(out::add);
    return out;
  }
}
