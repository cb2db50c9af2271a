package kuzet.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read pause on a real Netty pipeline (Netty's {@link EmbeddedChannel}, with its clock frozen so nothing waits
 * for the 5 ms re-check): what the broker holds is set by the test, as the intake's count would be.
 */
class ReadPauseTest {
  private static final long LIMIT = 100;

  private final AtomicLong held = new AtomicLong();
  private final ReadPause pause = new ReadPause(held::get, LIMIT);
  private EmbeddedChannel channel;

  @BeforeEach
  void channel() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    pause.install(channel);
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private void read(int bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[bytes]));
    ByteBuf passed = channel.readInbound();
    assertThat(passed.readableBytes()).as("the read goes on to the broker's decoder whole").isEqualTo(bytes);
    passed.release();
  }

  @Test
  void aBulkReadWhileTheBrokerHoldsTooMuchStopsReadingThatClient() {
    held.set(LIMIT + 1);
    read(ReadPause.BULK_READ_BYTES);
    assertThat(channel.config().isAutoRead()).isFalse();
    assertThat(pause.pauses()).isEqualTo(1);
  }

  @Test
  void aSmallReadSuchAsAPostsPanicIsNeverHeldBackEvenWhenTheBrokerHoldsTooMuch() {
    held.set(LIMIT * 10);
    read(ReadPause.BULK_READ_BYTES - 1);
    assertThat(channel.config().isAutoRead()).as("a resident's press must not wait for a flood to drain").isTrue();
    assertThat(pause.pauses()).isZero();
  }

  @Test
  void aBulkReadIsNotHeldWhileTheBrokerKeepsUp() {
    held.set(LIMIT);
    read(64 * 1024);
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void readingStartsAgainOnlyOnceTheHeldPublishesAreDownToHalfTheLimit() {
    held.set(LIMIT + 1);
    read(ReadPause.BULK_READ_BYTES);

    held.set(LIMIT / 2 + 1);
    channel.advanceTimeBy(ReadPause.CHECK_MS, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.config().isAutoRead()).as("still above half the limit").isFalse();

    held.set(LIMIT / 2);
    channel.advanceTimeBy(ReadPause.CHECK_MS, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(pause.pauses()).isEqualTo(1);
  }

  @Test
  void aClosedClientIsLeftReadingSoNothingIsScheduledForItAgain() {
    held.set(LIMIT + 1);
    read(ReadPause.BULK_READ_BYTES);
    channel.close();
    channel.advanceTimeBy(ReadPause.CHECK_MS, TimeUnit.MILLISECONDS);
    assertThat(channel.runScheduledPendingTasks()).as("no further check scheduled").isEqualTo(-1);
  }

  @Test
  void theCheckIsInstalledOnceFirstInThePipeline() {
    pause.install(channel);
    assertThat(channel.pipeline().names().get(0)).isEqualTo(ReadPause.NAME);
    assertThat(channel.pipeline().names().stream().filter(ReadPause.NAME::equals)).hasSize(1);
  }
}
