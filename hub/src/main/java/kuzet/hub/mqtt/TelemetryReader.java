package kuzet.hub.mqtt;

import java.time.Duration;
import java.util.Random;
import java.util.function.BiConsumer;
import kuzet.retry.Backoff;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One more connection of the hub that only reads telemetry, as another member of the hub's shared
 * subscription. Paho reads each connection on one thread and hands every message to one callback
 * thread; with several connections the broker spreads telemetry over several of these pipelines.
 * Events and acks stay on the main connection. While the hub's telemetry lane is full, the sink waits on
 * Paho's callback thread: Paho's receive thread then stops reading the socket (its queue to the callback
 * thread holds 10 messages), TCP fills, and the broker holds the rest, instead of the hub dropping them
 * while it warms up. Nothing else waits on this connection, so events never wait behind it. Messages are
 * acknowledged by Paho once the sink returned.
 */
final class TelemetryReader implements MqttCallback {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryReader.class);

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final String filter;
  private final BiConsumer<String, byte[]> sink;
  private volatile boolean stopping;
  // its first connect, like the main connection's; Paho reconnects later losses
  private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(15), new Random());

  TelemetryReader(String url, String clientId, MqttConnectionOptions options, String filter,
                  BiConsumer<String, byte[]> sink) {
    this.options = options;
    this.filter = filter;
    this.sink = sink;
    try {
      client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("cannot create the MQTT client for " + url + ": " + e.getMessage(), e);
    }
    client.setCallback(this);
  }

  void start() {
    try {
      client.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // connectComplete subscribes
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          // automatic reconnect covers later losses; a first connect that fails is retried here
          LOG.warn("telemetry reader {} cannot connect: {}; retrying", client.getClientId(), e.getMessage());
          retryLater();
        }
      });
    } catch (MqttException e) {
      LOG.warn("telemetry reader {} cannot connect: {}; retrying", client.getClientId(), e.getMessage());
      retryLater();
    }
  }

  private void retryLater() {
    if (!stopping) {
      long wait;
      synchronized (backoff) {
        wait = backoff.next().toMillis();
      }
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(wait);
          start();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "telemetry-reader-retry");
      t.setDaemon(true);
      t.start();
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null, new MqttProperties());
    } catch (MqttException e) {
      LOG.error("telemetry reader {} could not subscribe: {}", client.getClientId(), e.getMessage());
    }
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    if (HubSession.unexpectedRetained(topic, message)) {
      LOG.warn("ignored a retained message on {}: posts retain only their status", topic);
      return;
    }
    sink.accept(topic, message.getPayload());
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    if (!stopping) {
      LOG.warn("telemetry reader {} lost the broker: {}", client.getClientId(), response.getReasonString());
    }
  }

  @Override
  public void mqttErrorOccurred(MqttException e) {
    LOG.warn("telemetry reader {}: {}", client.getClientId(), e.getMessage());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    // it publishes nothing
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
    // no enhanced authentication
  }

  /** Disconnects; the session stays with the broker for the next start. Blocking. */
  void stop() {
    stopping = true;
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("telemetry reader close: {}", e.getMessage());
    }
  }
}
