package kuzet.hub.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Stops the embedded broker reading a client's socket while the broker holds more publishes than the hub has seen,
 * and reads it again once they are down to half. This is flow control where it belongs, on the read side: HiveMQ CE
 * reads QoS 0 off the sockets without limit and queues every publish in front of the hub's interceptor, which ran the
 * hub's heap out at 30,000 msgs/s (docs/benchmarks.md), and the interceptor itself is called too late to stop a burst.
 * With reading stopped the client's TCP window fills and the client waits: nothing is dropped or lost, and the
 * broker's memory stays bounded by the limit plus one read (Netty stops after the buffer it is reading). Every
 * client's next read of at least {@link #BULK_READ_BYTES} is checked, so all bulk senders are held back; a smaller
 * read (a post's PANIC, a few readings) is never held, so a resident's press does not wait for a flood to drain.
 * Many small senders at once are bounded by the intake's shedding instead ({@link TelemetryIntake#MAX_HELD}).
 *
 * <p>It sits first in each client's Netty pipeline, put there when the client connects ({@link #install}): HiveMQ's
 * extension SDK has no way to stop reading a client, so the channel comes from HiveMQ's own connection registry
 * ({@link EmbeddedBroker#channels}).
 */
@ChannelHandler.Sharable
final class ReadPause extends ChannelInboundHandlerAdapter {
  static final String NAME = "kuzet-read-pause";
  static final long CHECK_MS = 5;
  /** A read this large holds several messages sent back to back: a bulk sender, which may wait. */
  static final int BULK_READ_BYTES = 2_048;

  private final LongSupplier held;
  private final long pauseAbove;
  private final AtomicLong pauses = new AtomicLong();

  /** Pauses a client read while {@code held} is above {@code pauseAbove}, until it is at most half that. */
  ReadPause(LongSupplier held, long pauseAbove) {
    if (pauseAbove < 0) {
      throw new IllegalArgumentException("the held-publish limit to stop reading must be at least 0, not " + pauseAbove);
    }
    this.held = held;
    this.pauseAbove = pauseAbove;
  }

  /** Puts the check in front of the channel's pipeline, once; thread-safe. */
  void install(Channel ch) {
    synchronized (ch) {
      if (ch.isActive() && ch.pipeline().get(NAME) == null) {
        ch.pipeline().addFirst(NAME, this);
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    boolean bulk = msg instanceof ByteBuf b && b.readableBytes() >= BULK_READ_BYTES;
    ctx.fireChannelRead(msg); // decodes (and counts) the publishes in this buffer before the check below
    Channel ch = ctx.channel();
    if (bulk && ch.config().isAutoRead() && held.getAsLong() > pauseAbove) {
      ch.config().setAutoRead(false);
      pauses.incrementAndGet();
      ch.eventLoop().schedule(() -> resumeWhenDrained(ch), CHECK_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void resumeWhenDrained(Channel ch) {
    if (!ch.isActive() || held.getAsLong() <= pauseAbove / 2) {
      ch.config().setAutoRead(true);
      return;
    }
    ch.eventLoop().schedule(() -> resumeWhenDrained(ch), CHECK_MS, TimeUnit.MILLISECONDS);
  }

  /** Times a client's socket was stopped. */
  long pauses() {
    return pauses.get();
  }
}
