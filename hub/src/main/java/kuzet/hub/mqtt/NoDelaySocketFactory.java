package kuzet.hub.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off, read through a buffer. Paho leaves Nagle on, so the hub's small
 * PUBACKs wait for the broker's delayed ACK (about 40 ms) whenever the broker has nothing else to send: a broker that
 * delivers QoS 1 from its queue, a window of messages per round trip, then manages only about 1,000
 * messages/s to the hub, and a PANIC can sit 40 ms behind an unacknowledged window. And Paho reads straight from the
 * socket: it asks {@code available()} before each packet and reads the fixed header a byte at a time, four or five
 * system calls per message (its receive threads took 0.36 cores at 15,000 msgs/s, docs/benchmarks.md).
 */
public final class NoDelaySocketFactory extends SocketFactory {
  /** Read-ahead per connection: a loopback read of this size holds a few hundred telemetry messages. */
  static final int READ_AHEAD_BYTES = 64 * 1024;

  @Override
  public Socket createSocket() throws IOException {
    Socket s = new ReadAheadSocket();
    s.setTcpNoDelay(true);
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket s = createSocket();
    if (local != null) {
      s.bind(local);
    }
    s.connect(remote);
    return s;
  }

  /** A socket whose input is read through one buffer, the same stream on every call. */
  private static final class ReadAheadSocket extends Socket {
    private InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new ReadAhead(super.getInputStream());
      }
      return in;
    }
  }

  /** Answers {@code available()} from the buffer while it holds anything, without asking the kernel. */
  private static final class ReadAhead extends BufferedInputStream {
    ReadAhead(InputStream in) {
      super(in, READ_AHEAD_BYTES);
    }

    @Override
    public synchronized int available() throws IOException {
      int buffered = count - pos;
      return buffered > 0 ? buffered : super.available();
    }
  }
}
