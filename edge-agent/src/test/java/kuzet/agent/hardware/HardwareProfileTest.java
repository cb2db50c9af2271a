package kuzet.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import kuzet.agent.config.ConfigException;
import org.junit.jupiter.api.Test;

class HardwareProfileTest {
  @Test
  void bothBuiltInProfilesLoadWithDistinctPinsPerProfile() {
    for (String name : new String[] {"modular-post", "district-point"}) {
      HardwareProfile p = HardwareProfile.load(name);
      assertThat(p.name()).isEqualTo(name);
      var pins = new java.util.ArrayList<Integer>(p.outputs().values());
      pins.addAll(p.inputs().values());
      assertThat(pins).as(name + ": no pin used twice").doesNotHaveDuplicates();
    }
    assertThat(HardwareProfile.load("modular-post").inputs()).containsKey(InputRole.FLOOD_FEEDBACK);
    assertThat(HardwareProfile.load("district-point").outputs()).doesNotContainKey(OutputRole.SIREN);
  }

  @Test
  void anUnknownProfileIsNamed() {
    assertThatThrownBy(() -> HardwareProfile.load("space-station")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'space-station' is neither a built-in profile");
  }

  @Test
  void badPinsAndMissingRequiredOutputsAreRejected() {
    Properties p = new Properties();
    p.setProperty("output.floodlights", "17");
    p.setProperty("output.beacon", "22");
    p.setProperty("output.buttonLed", "40");
    p.setProperty("input.panic", "5");
    assertThatThrownBy(() -> HardwareProfile.parse("x", p)).hasMessage("x: output.buttonLed: 40 is out of range [0, 27]");
    p.setProperty("output.buttonLed", "led");
    assertThatThrownBy(() -> HardwareProfile.parse("x", p)).hasMessage("x: output.buttonLed: 'led' is not a number");
    p.remove("output.buttonLed");
    assertThatThrownBy(() -> HardwareProfile.parse("x", p)).hasMessage("x: output.buttonLed: is required in every profile");
  }
}
