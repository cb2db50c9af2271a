package kuzet.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class TelemetryLaneTest {
  private Vertx vertx;

  @BeforeEach
  void vertx(Vertx vertx) { // closed after each test by VertxExtension
    this.vertx = vertx;
  }

  @Test
  void telemetryBeyondTheBoundIsDroppedAndCountedAndTheRestIsHandledInOrder() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Integer> handled = new CopyOnWriteArrayList<>();
    TelemetryLane<Integer> lane = new TelemetryLane<>(context, handled::add, 100);
    CountDownLatch blocked = new CountDownLatch(1);
    context.runOnContext(v -> awaitQuietly(blocked)); // the event loop is busy while 150 messages arrive
    int accepted = 0;
    for (int i = 0; i < 150; i++) {
      accepted += lane.offer(i) ? 1 : 0;
    }
    assertThat(accepted).isEqualTo(100);
    assertThat(lane.dropped()).isEqualTo(50);
    assertThat(lane.waiting()).isEqualTo(100);
    blocked.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(() -> handled.size() == 100);
    assertThat(handled).isSorted().containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
    assertThat(lane.waiting()).isZero();
  }

  @Test
  void aShrunkLaneHoldsNoMoreThanItsNewCapacityAndCannotBeShrunkOnceInUse() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Integer> handled = new CopyOnWriteArrayList<>();
    TelemetryLane<Integer> lane = new TelemetryLane<>(context, handled::add, 100);
    lane.shrinkTo(500); // never grows
    lane.shrinkTo(30);
    CountDownLatch blocked = new CountDownLatch(1);
    context.runOnContext(v -> awaitQuietly(blocked));
    int accepted = 0;
    for (int i = 0; i < 50; i++) {
      accepted += lane.offer(i) ? 1 : 0;
    }
    assertThat(accepted).isEqualTo(30);
    assertThat(lane.waiting()).isEqualTo(30);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> lane.shrinkTo(10))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("before the first message");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> lane.shrinkTo(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, not 0");
    blocked.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(() -> handled.size() == 30);
    assertThat(lane.waiting()).isZero();
  }

  @Test
  void aHandlerThatThrowsDoesNotStallTheMessagesBehindIt() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Integer> handled = new CopyOnWriteArrayList<>();
    TelemetryLane<Integer> lane = new TelemetryLane<>(context, i -> {
      if (i == 3) {
        throw new IllegalStateException("bad message");
      }
      handled.add(i);
    }, 1_000);
    for (int i = 0; i < 100; i++) {
      lane.offer(i);
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> handled.size() == 99);
    lane.offer(100);
    await().atMost(5, TimeUnit.SECONDS).until(() -> handled.contains(100));
    assertThat(lane.failed()).isEqualTo(1);
  }

  @Test
  void anEventQueuedBehindATelemetryBacklogIsHandledWithinOneSlice() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<String> order = new CopyOnWriteArrayList<>();
    TelemetryLane<Integer> lane = new TelemetryLane<>(context, i -> order.add("t" + i), 10_000);
    CountDownLatch blocked = new CountDownLatch(1);
    context.runOnContext(v -> awaitQuietly(blocked));
    for (int i = 0; i < 1_000; i++) {
      lane.offer(i);
    }
    context.runOnContext(v -> order.add("PANIC"));
    blocked.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(() -> order.size() == 1_001);
    assertThat(order.indexOf("PANIC")).isLessThanOrEqualTo(TelemetryLane.SLICE);
  }

  @Test
  void putWaitsWhileTheLaneIsFullAndDropsNothing() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Integer> handled = new CopyOnWriteArrayList<>();
    TelemetryLane<Integer> lane = new TelemetryLane<>(context, handled::add, 10);
    CountDownLatch blocked = new CountDownLatch(1);
    context.runOnContext(v -> awaitQuietly(blocked));
    Thread reader = new Thread(() -> {
      for (int i = 0; i < 100; i++) {
        lane.put(i, () -> false);
      }
    });
    reader.start();
    await().atMost(5, TimeUnit.SECONDS).until(() -> reader.getState() == Thread.State.TIMED_WAITING);
    assertThat(lane.waiting()).isEqualTo(10);
    assertThat(handled).isEmpty();
    blocked.countDown();
    reader.join(5_000);
    await().atMost(5, TimeUnit.SECONDS).until(() -> handled.size() == 100);
    assertThat(handled).isSorted();
    assertThat(lane.dropped()).isZero();
    assertThat(lane.waited()).isPositive();
  }

  @Test
  void aWaitingPutGivesUpAndCountsOnceTheHubStops() throws Exception {
    Context context = vertx.getOrCreateContext();
    TelemetryLane<Integer> lane = new TelemetryLane<>(context, i -> { }, 1);
    CountDownLatch blocked = new CountDownLatch(1);
    context.runOnContext(v -> awaitQuietly(blocked));
    assertThat(lane.put(1, () -> true)).isTrue();
    assertThat(lane.put(2, () -> true)).isFalse();
    assertThat(lane.dropped()).isEqualTo(1);
    blocked.countDown();
  }

  @Test
  void parkedMessagesAreAdmittedInOrderOnceThereIsRoomUnlessTheirSenderGaveUp() throws Exception {
    Context context = vertx.getOrCreateContext();
    List<Integer> handled = new CopyOnWriteArrayList<>();
    TelemetryLane<Integer> lane = new TelemetryLane<>(context, handled::add, 5);
    CountDownLatch blocked = new CountDownLatch(1);
    context.runOnContext(v -> awaitQuietly(blocked));
    List<Integer> admitted = new CopyOnWriteArrayList<>();
    int now = 0;
    for (int i = 0; i < 20; i++) {
      int n = i;
      if (lane.tryOffer(i)) {
        now++;
      } else {
        lane.park(i, () -> {
          admitted.add(n);
          return n != 7; // the sender of 7 gave up waiting
        });
      }
    }
    assertThat(now).isEqualTo(5);
    assertThat(lane.waited()).isEqualTo(15);
    blocked.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(() -> handled.size() == 19);
    assertThat(handled).isSorted().doesNotContain(7);
    assertThat(admitted).containsExactlyElementsOf(java.util.stream.IntStream.range(5, 20).boxed().toList());
    assertThat(lane.waiting()).isZero();
    assertThat(lane.dropped()).isZero();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
