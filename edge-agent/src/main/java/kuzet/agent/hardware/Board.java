package kuzet.agent.hardware;

import java.util.Map;
import java.util.Optional;

/** The post's hardware as the agent sees it: outputs, inputs and sensors, whatever drives them. */
public record Board(String profile, Map<OutputRole, Output> outputs, Map<InputRole, Input> inputs,
                    ClimateSensor climate, BatterySensor battery) {
  public Board {
    outputs = Map.copyOf(outputs);
    inputs = Map.copyOf(inputs);
  }

  public Optional<Output> output(OutputRole role) {
    return Optional.ofNullable(outputs.get(role));
  }

  public Optional<Input> input(InputRole role) {
    return Optional.ofNullable(inputs.get(role));
  }

  public Board withSensors(ClimateSensor c, BatterySensor b) {
    return new Board(profile, outputs, inputs, c, b);
  }
}
