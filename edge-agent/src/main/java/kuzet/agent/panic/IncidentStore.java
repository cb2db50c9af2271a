package kuzet.agent.panic;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active incident on disk, so that an agent restarted mid-incident (watchdog, power cut) comes back with the beacon
 * on and still accepts the hub's PANIC_* commands for it. Written atomically (temp file, fsync, rename).
 */
public final class IncidentStore {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentStore.class);
  private final Path file;

  /** What survives a restart. */
  public record Saved(UUID incidentId, PanicController.State state) {}

  public IncidentStore(Path file) {
    this.file = file;
  }

  public Optional<Saved> load() {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
      return Optional.of(new Saved(UUID.fromString(parts[0]), PanicController.State.valueOf(parts[1])));
    } catch (IOException | RuntimeException e) {
      LOG.error("unreadable incident file {} ignored: {}", file, e.toString());
      return Optional.empty();
    }
  }

  public void save(UUID incident, PanicController.State state) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(tmp, incident + " " + state.name() + "\n", StandardCharsets.US_ASCII);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // the panic itself is safe in the outbox; only the LED state after a restart is at stake
      LOG.error("incident state not saved: {}", e.toString());
    }
  }

  public void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.error("incident file not removed: {}", e.toString());
    }
  }
}
