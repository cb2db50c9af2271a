package kuzet.hub.testing;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kuzet.hub.mqtt.NoDelaySocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One MQTT 5 connection that publishes as fast as the broker acknowledges: QoS 1 messages are kept
 * within the broker's Receive Maximum (what it allows in flight), so nothing is refused by the client
 * and every message either gets its PUBACK or is counted as failed.
 */
public final class Publisher implements AutoCloseable {
  private final MqttAsyncClient client;
  private final Semaphore window;
  private final int windowSize;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final MqttActionListener onAck = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      acked.incrementAndGet();
      window.release();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable e) {
      failed.incrementAndGet();
      window.release();
    }
  };

  public Publisher(String url, String clientId) throws MqttException {
    client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setKeepAliveInterval(60);
    o.setSocketFactory(new NoDelaySocketFactory());
    IMqttToken connected = client.connect(o);
    connected.waitForCompletion(10_000);
    Integer receiveMaximum = connected.getResponseProperties() == null ? null
        : connected.getResponseProperties().getReceiveMaximum();
    windowSize = receiveMaximum == null ? 65_535 : Math.max(1, receiveMaximum);
    window = new Semaphore(windowSize);
  }

  /** Publishes; for QoS 1 waits (briefly) for room in the broker's in-flight window first. */
  public void publish(String topic, byte[] payload, int qos) throws MqttException, InterruptedException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(qos);
    if (qos == 0) {
      client.publish(topic, m);
      acked.incrementAndGet();
      return;
    }
    window.acquire();
    try {
      client.publish(topic, m, null, onAck);
    } catch (MqttException e) {
      window.release();
      failed.incrementAndGet();
      throw e;
    }
  }

  /** Messages the broker acknowledged (QoS 1) or that were handed to the client (QoS 0; see {@link #pending()}). */
  public long acked() {
    return acked.get();
  }

  /** Messages handed to the client and not yet written (QoS 0) or acknowledged (QoS 1). */
  public int pending() {
    return client.getPendingTokens().length;
  }

  public long failed() {
    return failed.get();
  }

  /** Waits until every QoS 1 message in flight is acknowledged or failed. */
  public boolean drain(long timeoutMs) throws InterruptedException {
    if (!window.tryAcquire(windowSize, timeoutMs, TimeUnit.MILLISECONDS)) {
      return false;
    }
    window.release(windowSize);
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
      // closing after a test or a run: nothing left to do with this connection
    }
  }
}
