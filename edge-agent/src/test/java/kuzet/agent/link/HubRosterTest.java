package kuzet.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import kuzet.protocol.HubStatus;
import org.junit.jupiter.api.Test;

class HubRosterTest {
  private static HubStatus status(String hub, HubStatus.State state) {
    return new HubStatus(Instant.parse("2026-12-02T10:00:00Z"), "boot-" + hub, 1, hub, state);
  }

  @Test
  void oneHubsWillDoesNotTakeTheCentreDownWhileAnotherHubIsOnline() {
    HubRoster roster = new HubRoster();
    roster.heard(status("hub-a", HubStatus.State.ONLINE));
    roster.heard(status("hub-b", HubStatus.State.ONLINE));
    roster.heard(status("hub-a", HubStatus.State.OFFLINE));
    assertThat(roster.state()).isEqualTo(HubStatus.State.ONLINE);
    roster.heard(status("hub-b", HubStatus.State.OFFLINE));
    assertThat(roster.state()).isEqualTo(HubStatus.State.OFFLINE);
    roster.heard(status("hub-a", HubStatus.State.ONLINE));
    assertThat(roster.state()).isEqualTo(HubStatus.State.ONLINE);
  }

  @Test
  void aDroppedConnectionForgetsEveryHubSoADeadOneIsNeverCountedAsUp() {
    HubRoster roster = new HubRoster();
    assertThat(roster.state()).as("never heard").isNull();
    roster.heard(status("hub-a", HubStatus.State.ONLINE));
    roster.forget();
    assertThat(roster.state()).isNull();
  }

  @Test
  void aFloodOfMadeUpHubIdsKeepsTheRosterBoundedAndTheNewestCounts() {
    HubRoster roster = new HubRoster();
    roster.heard(status("hub-real", HubStatus.State.ONLINE));
    for (int i = 0; i < 1_000; i++) {
      roster.heard(status("fake-" + i, HubStatus.State.OFFLINE));
    }
    assertThat(roster.state()).as("the real hub's ONLINE was pushed out by newer ids").isEqualTo(HubStatus.State.OFFLINE);
    roster.heard(status("hub-real", HubStatus.State.ONLINE));
    assertThat(roster.state()).isEqualTo(HubStatus.State.ONLINE);
  }
}
