package kuzet.agent.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One MQTT 5 connection that publishes as fast as the broker acknowledges: the generator's, and the hub tests' for
 * loading a hub. QoS 1 messages are kept within the broker's Receive Maximum, so the client never refuses one and
 * each either gets its PUBACK or is counted as failed.
 */
public final class Connection implements AutoCloseable {
  /**
   * QoS 0 messages handed to Paho and not yet written, past which a publisher waits, as a device would. Paho keeps
   * them in a {@code Vector} it shifts on every write and {@code getPendingTokens()} copies: with 20,000 queued the
   * generator spent more CPU on that than on the messages, starving the hub it measures (docs/benchmarks.md).
   */
  static final int MAX_UNWRITTEN = 1_000;

  private final MqttAsyncClient client;
  private final Semaphore window;
  private final int windowSize;
  private final Semaphore unwritten = new Semaphore(MAX_UNWRITTEN);
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final MqttActionListener onWritten;
  private final MqttActionListener onAck;

  Connection(LoadPlan plan, String clientId) throws MqttException {
    this(plan.brokerUrl(), clientId, plan.username(), plan.password(), plan.socketFactory());
  }

  /** Plain TCP to an open broker (a test's). */
  public Connection(String brokerUrl, String clientId) throws MqttException {
    this(brokerUrl, clientId, null, null, null);
  }

  private Connection(String brokerUrl, String clientId, String username, String password, SocketFactory tls)
      throws MqttException {
    client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setKeepAliveInterval(60);
    // a broker that is overloaded may disconnect a QoS 0 sender (MQTT 5 reason 0x96): come back, as a device
    // would; what is published meanwhile is refused by the client and counted as failed
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 5);
    if (username != null) {
      o.setUserName(username);
    }
    if (password != null) {
      o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    if (tls != null) {
      o.setSocketFactory(tls);
      o.setHttpsHostnameVerificationEnabled(true);
    } else {
      o.setSocketFactory(new NoDelay());
    }
    IMqttToken connected = client.connect(o);
    connected.waitForCompletion(10_000);
    Integer receiveMaximum = connected.getResponseProperties() == null ? null
        : connected.getResponseProperties().getReceiveMaximum();
    windowSize = receiveMaximum == null ? 65_535 : Math.max(1, receiveMaximum);
    window = new Semaphore(windowSize);
    onAck = freeing(window);
    onWritten = freeing(unwritten);
  }

  /** Counts the publish's outcome and frees its place: QoS 1 when acknowledged, QoS 0 when written. */
  private MqttActionListener freeing(Semaphore room) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        acked.incrementAndGet();
        room.release();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable e) {
        failed.incrementAndGet();
        room.release();
      }
    };
  }

  /**
   * Publishes; QoS 1 first waits for room in the broker's in-flight window, QoS 0 for fewer than
   * {@link #MAX_UNWRITTEN} unwritten. A refused publish counts as failed.
   */
  public void publish(String topic, byte[] payload, int qos) throws InterruptedException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(qos);
    Semaphore room = qos == 0 ? unwritten : window;
    while (!room.tryAcquire(1, TimeUnit.SECONDS)) {
      if (!client.isConnected()) {
        failed.incrementAndGet(); // what was queued is failed by Paho as it reconnects; this is not even queued
        return;
      }
    }
    try {
      client.publish(topic, m, null, qos == 0 ? onWritten : onAck);
    } catch (MqttException e) {
      room.release();
      failed.incrementAndGet();
    }
  }

  /** QoS 1: acknowledged by the broker; QoS 0: written to the socket. */
  public long acked() {
    return acked.get();
  }

  /** Handed to the client and not yet written (QoS 0) or acknowledged (QoS 1). */
  public int pending() {
    return MAX_UNWRITTEN - unwritten.availablePermits() + windowSize - window.availablePermits();
  }

  public long failed() {
    return failed.get();
  }

  /** Waits until every QoS 1 message in flight is acknowledged or failed, and every QoS 0 one written or failed. */
  public boolean drain(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    if (!window.tryAcquire(windowSize, timeoutMs, TimeUnit.MILLISECONDS)) {
      return false;
    }
    window.release(windowSize);
    if (!unwritten.tryAcquire(MAX_UNWRITTEN, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      return false;
    }
    unwritten.release(MAX_UNWRITTEN);
    return true;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
      client.close(true);
    } catch (MqttException e) {
      // the run is over: nothing left to do with this connection
    }
  }

  /**
   * Plain TCP with Nagle's algorithm off, as the hub's own connections: otherwise a window of QoS 1 publishes
   * waits on the broker's delayed ACK and the generator measures the ACK timer, not the broker.
   */
  private static final class NoDelay extends SocketFactory {
    private final SocketFactory plain = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(plain.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
      return noDelay(plain.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
      return noDelay(plain.createSocket(host, port, local, localPort));
    }

    private static Socket noDelay(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      return s;
    }
  }
}
