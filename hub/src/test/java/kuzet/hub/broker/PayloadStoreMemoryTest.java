package kuzet.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kuzet.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HiveMQ's payload store stays within its memory budget on any host: checked in the options RocksDB itself wrote. */
class PayloadStoreMemoryTest {
  private static final long GIB = 1024L * 1024 * 1024;
  private static final int BUCKETS = 64;
  private static final Pattern WRITE_BUFFER = Pattern.compile("(?m)^\\s*write_buffer_size=(\\d+)$");

  @TempDir
  Path dir;

  @Test
  void onABigServerTheBudgetDecidesAndOnASmallOneHiveMqsOwnSmallerSizesStay() {
    assertThat(64 * GIB / PayloadStoreMemory.portion(64 * GIB, PayloadStoreMemory.MEMTABLES_BYTES, 32))
        .as("64 GiB host: memtables").isLessThanOrEqualTo(PayloadStoreMemory.MEMTABLES_BYTES);
    assertThat(24 * GIB / PayloadStoreMemory.portion(24 * GIB, PayloadStoreMemory.BLOCK_CACHE_BYTES, 64))
        .as("24 GiB host: block caches").isLessThanOrEqualTo(PayloadStoreMemory.BLOCK_CACHE_BYTES);
    assertThat(PayloadStoreMemory.portion(GIB / 4, PayloadStoreMemory.MEMTABLES_BYTES, 32))
        .as("a 256 MiB host keeps HiveMQ's 8 MiB").isEqualTo(32);
    assertThat(PayloadStoreMemory.portion(Long.MAX_VALUE, 1, 32)).isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(() -> PayloadStoreMemory.portion(0, PayloadStoreMemory.MEMTABLES_BYTES, 32))
        .hasMessageContaining("must be positive");
  }

  @Test
  void theRunningBrokersPayloadStoreWritesOutItsMemtablesWithinTheBudget() throws Exception {
    EmbeddedBroker broker = new EmbeddedBroker(
        new EmbeddedBroker.Settings("127.0.0.1", MosquittoBroker.freePort(), dir, null), null);
    broker.start();
    try {
      List<Long> sizes = writeBufferSizes(dir.resolve("data"));
      assertThat(sizes).as("a write buffer size in each payload bucket's OPTIONS file").hasSize(BUCKETS);
      long hivemqOwn = PayloadStoreMemory.physicalMemory() / PayloadStoreMemory.HIVEMQ_MEMTABLE_PORTION / BUCKETS;
      assertThat(sizes).allSatisfy(size -> assertThat(size)
          .isLessThanOrEqualTo(Math.max(PayloadStoreMemory.MEMTABLES_BYTES / BUCKETS, 64 * 1024))
          .isLessThanOrEqualTo(hivemqOwn));
    } finally {
      broker.close();
    }
  }

  /** RocksDB's own record of the options each payload bucket opened with (OPTIONS-NNNNNN, the newest per bucket). */
  private static List<Long> writeBufferSizes(Path data) throws Exception {
    try (Stream<Path> files = Files.walk(data)) {
      List<Path> buckets = files.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().matches("publish_payload_store_\\d+")).toList();
      return buckets.stream().map(bucket -> {
        try (Stream<Path> options = Files.list(bucket)) {
          Path newest = options.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).sorted()
              .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no OPTIONS file in " + bucket));
          Matcher m = WRITE_BUFFER.matcher(Files.readString(newest));
          if (!m.find()) {
            throw new AssertionError("no write_buffer_size in " + newest);
          }
          return Long.parseLong(m.group(1));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }
}
