package kuzet.hub.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
  @Test
  void bytesReadOneAtATimeAndInBlocksArriveInOrderThroughOneBufferAndAvailableCountsWhatIsBuffered() throws Exception {
    byte[] sent = new byte[200_000];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) (i * 31);
    }
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket client = new NoDelaySocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
         Socket peer = server.accept()) {
      assertThat(client.getTcpNoDelay()).isTrue();
      Thread writer = new Thread(() -> {
        try (OutputStream out = peer.getOutputStream()) {
          for (int off = 0; off < sent.length; off += 7_000) {
            out.write(sent, off, Math.min(7_000, sent.length - off));
            out.flush();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      writer.start();
      InputStream in = client.getInputStream();
      assertThat(client.getInputStream()).as("Paho and a second caller share one buffer").isSameAs(in);
      DataInputStream data = new DataInputStream(in);
      byte[] got = new byte[sent.length];
      int i = 0;
      while (i < sent.length) {
        if (i % 3 == 0) {
          got[i++] = data.readByte(); // as Paho reads a packet's fixed header
        } else {
          int n = Math.min(1_000, sent.length - i);
          data.readFully(got, i, n);
          i += n;
        }
        if (i == 1) {
          assertThat(in.available()).as("what the first read buffered").isPositive();
        }
      }
      assertThat(got).isEqualTo(sent);
      writer.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(in.read()).as("end of stream").isEqualTo(-1);
    }
  }
}
