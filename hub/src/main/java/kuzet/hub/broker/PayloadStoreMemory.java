package kuzet.hub.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import java.lang.management.ManagementFactory;

/**
 * Bounds the memory of HiveMQ's message payload store whatever the host. HiveMQ sizes that store (RocksDB, 64
 * buckets) from the host's physical RAM: memtables a 32nd of it, block caches a 64th. Every QoS 1 message to the hub
 * (events, acks, births) passes through the memtables, which are written out only when full, so on a 16 GiB server
 * the store would grow over days toward 512 MiB of memtables and 256 MiB of cache, past the hub's whole 768 MiB
 * budget (docs/hub.md, "Memory"). HiveMQ reads the portions when the store opens; a portion is "the host's RAM
 * divided by", so the bound is the RAM divided by the budget, never less than HiveMQ's own portion (a small host
 * keeps HiveMQ's smaller sizes).
 */
final class PayloadStoreMemory {
  /** All memtables together (RocksDB may hold one more per bucket while it writes one out). */
  static final long MEMTABLES_BYTES = 16L * 1024 * 1024;
  /** All block caches together. */
  static final long BLOCK_CACHE_BYTES = 8L * 1024 * 1024;
  /** HiveMQ CE 2025.5's own portions, before anything changed them in this JVM. */
  static final int HIVEMQ_MEMTABLE_PORTION = 32;
  static final int HIVEMQ_BLOCK_CACHE_PORTION = 64;

  private PayloadStoreMemory() {}

  /** Before the broker starts: the portions are read once, when the payload store opens. */
  static void bound() {
    long ram = physicalMemory();
    if (ram <= 0) {
      return; // the JVM cannot tell: HiveMQ then sizes the store from the heap, which is bounded already
    }
    InternalConfigurations.PAYLOAD_PERSISTENCE_MEMTABLE_SIZE_PORTION
        .set(portion(ram, MEMTABLES_BYTES, HIVEMQ_MEMTABLE_PORTION));
    InternalConfigurations.PAYLOAD_PERSISTENCE_BLOCK_CACHE_SIZE_PORTION
        .set(portion(ram, BLOCK_CACHE_BYTES, HIVEMQ_BLOCK_CACHE_PORTION));
  }

  /** The divisor of {@code ram} that gives at most {@code budget} bytes, or HiveMQ's if that gives less already. */
  static int portion(long ram, long budget, int hivemqPortion) {
    if (ram <= 0 || budget <= 0) {
      throw new IllegalArgumentException("RAM and budget must be positive, not " + ram + " and " + budget);
    }
    long divisor = (ram + budget - 1) / budget;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(hivemqPortion, divisor));
  }

  /** The figure HiveMQ divides: the host's RAM, or a container's limit. */
  static long physicalMemory() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
  }
}
