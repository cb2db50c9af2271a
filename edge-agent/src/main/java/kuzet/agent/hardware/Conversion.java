package kuzet.agent.hardware;

import java.util.function.BooleanSupplier;

/**
 * Waiting for a sensor's measurement to finish, as both datasheets require before the result registers are read: first
 * the typical conversion time, then polling the chip's own busy flag, giving up (a fault) well past the datasheet's maximum.
 */
final class Conversion {
  private Conversion() {}

  static void await(String chip, long typicalMs, long maxMs, BooleanSupplier done) throws SensorFault {
    long deadline = System.nanoTime() + maxMs * 1_000_000;
    try {
      Thread.sleep(typicalMs);
      while (!done.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new SensorFault(chip + " measurement not complete after " + maxMs + " ms");
        }
        Thread.sleep(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SensorFault(chip + " read interrupted");
    }
  }
}
