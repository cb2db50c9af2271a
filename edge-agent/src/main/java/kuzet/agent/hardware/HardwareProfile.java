package kuzet.agent.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import kuzet.agent.config.ConfigException;

/** Pin numbers (BCM) and I2C addresses of one kind of post, read from a profile file. */
public record HardwareProfile(String name, Map<OutputRole, Integer> outputs, Map<InputRole, Integer> inputs,
                              int i2cBus, int bme280Address, int ads1115Address, double batteryDividerRatio) {
  private static final java.util.Set<OutputRole> REQUIRED_OUTPUTS = java.util.EnumSet.of(
      OutputRole.FLOODLIGHTS, OutputRole.BEACON, OutputRole.BUTTON_LED);

  public HardwareProfile {
    outputs = Map.copyOf(outputs);
    inputs = Map.copyOf(inputs);
    for (OutputRole r : REQUIRED_OUTPUTS) {
      if (!outputs.containsKey(r)) {
        throw new ConfigException(name + ": output." + r.key(), "is required in every profile");
      }
    }
    if (!inputs.containsKey(InputRole.PANIC_BUTTON)) {
      throw new ConfigException(name + ": input.panic", "is required in every profile");
    }
  }

  /** A built-in profile (modular-post, district-point) or a path to a profile file. */
  public static HardwareProfile load(String nameOrPath) {
    Properties p = new Properties();
    String res = "/kuzet/agent/hardware/" + nameOrPath + ".profile";
    try (InputStream in = HardwareProfile.class.getResourceAsStream(res)) {
      if (in != null) {
        p.load(in);
      } else if (Files.isReadable(Path.of(nameOrPath))) {
        try (InputStream f = Files.newInputStream(Path.of(nameOrPath))) {
          p.load(f);
        }
      } else {
        throw new ConfigException("hardware.profile", "'" + nameOrPath + "' is neither a built-in profile (modular-post, district-point) nor a readable file");
      }
    } catch (IOException e) {
      throw new ConfigException("hardware.profile", "cannot read '" + nameOrPath + "': " + e.getMessage());
    }
    return parse(p.getProperty("name", nameOrPath), p);
  }

  static HardwareProfile parse(String name, Properties p) {
    Map<OutputRole, Integer> outs = new EnumMap<>(OutputRole.class);
    for (OutputRole r : OutputRole.values()) {
      Integer pin = number(name, p, "output." + r.key(), 0, 27);
      if (pin != null) {
        outs.put(r, pin);
      }
    }
    Map<InputRole, Integer> ins = new EnumMap<>(InputRole.class);
    for (InputRole r : InputRole.values()) {
      Integer pin = number(name, p, "input." + r.key(), 0, 27);
      if (pin != null) {
        ins.put(r, pin);
      }
    }
    Integer bus = number(name, p, "i2c.bus", 0, 10);
    Integer bme = number(name, p, "i2c.bme280", 0x03, 0x77);
    Integer ads = number(name, p, "i2c.ads1115", 0x03, 0x77);
    String ratio = p.getProperty("battery.dividerRatio", "4.0");
    double r;
    try {
      r = Double.parseDouble(ratio);
    } catch (NumberFormatException e) {
      throw new ConfigException(name + ": battery.dividerRatio", "'" + ratio + "' is not a number");
    }
    return new HardwareProfile(name, outs, ins, bus == null ? 1 : bus, bme == null ? 0x76 : bme, ads == null ? 0x48 : ads, r);
  }

  private static Integer number(String profile, Properties p, String key, int min, int max) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      int n = Integer.decode(v.trim());
      if (n < min || n > max) {
        throw new ConfigException(profile + ": " + key, n + " is out of range [" + min + ", " + max + "]");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(profile + ": " + key, "'" + v + "' is not a number");
    }
  }
}
