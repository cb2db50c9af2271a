package kuzet.agent.hardware;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The post's hardware as the agent sees it: outputs, inputs and sensors, whatever drives them. {@code faults} lists the
 * parts that could not be opened; they are stood in for by parts that do nothing, so the rest of the post still works.
 */
public record Board(String profile, Map<OutputRole, Output> outputs, Map<InputRole, Input> inputs,
                    ClimateSensor climate, BatterySensor battery, List<HardwareFault> faults) {
  public Board {
    outputs = Map.copyOf(outputs);
    inputs = Map.copyOf(inputs);
    faults = List.copyOf(faults);
  }

  public Optional<Output> output(OutputRole role) {
    return Optional.ofNullable(outputs.get(role));
  }

  public Optional<Input> input(InputRole role) {
    return Optional.ofNullable(inputs.get(role));
  }

  public Board withSensors(ClimateSensor c, BatterySensor b) {
    return new Board(profile, outputs, inputs, c, b, faults);
  }
}
