package kuzet.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule alone; ArtemisLockdownTest (provisioning) runs the plugin inside a real Artemis 2.40. */
class ClientIdRuleTest {
  private final ClientIdRule rule = ClientIdRule.fromProperties(Map.of(ClientIdRule.UNBOUND_USERS, " _hub , "));

  @Test
  void aPostConnectsOnlyUnderItsOwnId() {
    assertThat(rule.refusal("post-00", "post-00")).isEmpty();
    assertThat(rule.refusal("post-00", "post-01")).hasValue(
        "user 'post-00' may connect only with client id 'post-00', not 'post-01'");
    assertThat(rule.refusal("post-00", "_kuzet-hub-1")).isPresent();
    assertThat(rule.refusal("post-00", "")).as("a broker-assigned id").isPresent();
    assertThat(rule.refusal("post-00", null)).isPresent();
  }

  @Test
  void theHubChoosesItsIdsAndNobodyConnectsAsNoOne() {
    assertThat(rule.refusal("_hub", "_kuzet-hub-1-t0")).isEmpty();
    assertThat(rule.refusal(null, "post-00")).hasValue("neither a user name nor a client certificate");
    assertThat(rule.refusal("", "")).isPresent();
  }

  @Test
  void controlCharactersFromTheNetworkDoNotReachTheLog() {
    assertThat(rule.refusal("post-00", "x\nforged line")).get().asString().doesNotContain("\n").contains("x?forged");
  }

  @Test
  void aMissingOrEmptyUserListIsAClearError() {
    assertThatThrownBy(() -> ClientIdRule.fromProperties(Map.of())).hasMessageContaining(ClientIdRule.UNBOUND_USERS);
    assertThatThrownBy(() -> new ClientIdRule(java.util.Set.of(" "))).hasMessageContaining("empty user name");
  }
}
