package kuzet.hub.telemetry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory head of the telemetry buffer: a bounded FIFO of points not yet encoded. Producers never wait:
 * when it is full the oldest point is dropped, and {@link #add} says so, so that the caller counts it.
 * A batch that failed to write goes back to the front, so the oldest points stay the first to go.
 */
final class MemoryBuffer<T> {

  private final int capacity;
  private final int batchSize;
  private final int spillThreshold;
  private final ArrayDeque<T> lines;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition batchReady = lock.newCondition();
  private volatile int size;
  private boolean woken;

  /** @param spillThreshold size at which the writer is woken to move points to disk; MAX_VALUE for never */
  MemoryBuffer(int capacity, int batchSize, int spillThreshold) {
    this.capacity = capacity;
    this.batchSize = batchSize;
    this.spillThreshold = spillThreshold;
    this.lines = new ArrayDeque<>(Math.min(capacity, 1 << 16));
  }

  /** Adds a point; returns how many old points it pushed out (0 or 1). */
  int add(T line) {
    lock.lock();
    try {
      int dropped = 0;
      if (lines.size() >= capacity) {
        lines.pollFirst();
        dropped = 1;
      }
      lines.addLast(line);
      size = lines.size();
      if (size >= batchSize || size >= spillThreshold) {
        batchReady.signal();
      }
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes up to {@code max} of the oldest points, waiting up to {@code waitNanos} for a full batch
   * so that a quiet fleet is still flushed regularly and a busy one in full batches.
   */
  List<T> take(int max, long waitNanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = waitNanos;
      while (lines.size() < max && remaining > 0 && !woken) {
        remaining = batchReady.awaitNanos(remaining);
      }
      return drainLocked(max);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code nanos} (a retry backoff) but returns early once the points should be
   * spilled or on close, so that an outage fills the disk, not the memory.
   */
  void awaitSpillNeeded(long nanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = nanos;
      while (lines.size() < spillThreshold && remaining > 0 && !woken) {
        remaining = batchReady.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  boolean spillNeeded() {
    return size >= spillThreshold;
  }

  /**
   * How many points to move to disk at a time: a batch, or less when a batch is more than the spill
   * threshold, so that spilling always brings memory back under the threshold (else the writer,
   * woken at the threshold, would find nothing to do and be woken again at once).
   */
  int spillChunk() {
    return Math.min(batchSize, spillThreshold);
  }

  /** Takes up to {@code max} of the oldest points without waiting. */
  List<T> poll(int max) {
    lock.lock();
    try {
      return drainLocked(max);
    } finally {
      lock.unlock();
    }
  }

  private List<T> drainLocked(int max) {
    int n = Math.min(max, lines.size());
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(lines.pollFirst());
    }
    size = lines.size();
    return out;
  }

  /**
   * Puts a batch that could not be written back in front of newer points; returns how many of the
   * oldest points had to go to stay within capacity.
   */
  int requeueFront(List<T> batch) {
    lock.lock();
    try {
      for (int i = batch.size() - 1; i >= 0; i--) {
        lines.addFirst(batch.get(i));
      }
      int dropped = 0;
      while (lines.size() > capacity) {
        lines.pollFirst();
        dropped++;
      }
      size = lines.size();
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Ends pending and future waits at once (on close). */
  void wake() {
    lock.lock();
    try {
      woken = true;
      batchReady.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int size() {
    return size;
  }

  int capacity() {
    return capacity;
  }
}
