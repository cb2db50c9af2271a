package kuzet.hub.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import kuzet.hub.broker.EmbeddedBroker;
import kuzet.protocol.testing.MosquittoBroker;

/** A real MQTT broker for a test: the hub's embedded HiveMQ or Debian's Mosquitto, on a free port. */
public interface TestBroker extends AutoCloseable {
  String url();

  int port();

  @Override
  void close();

  /**
   * The {@code mqtt.shareGroup} a hub identified by {@code tag} uses here, as production would: its own group on
   * an external broker (its own, so that sessions left by earlier tests do not take its share), none on HiveMQ,
   * which serves one hub in production and at times stalls shared subscriptions (docs/hub-config.md).
   */
  default String shareGroup(String tag) {
    return "g" + tag.replaceAll("[^A-Za-z0-9_]", "");
  }

  static TestBroker embedded(Path dir) throws IOException {
    int port = MosquittoBroker.freePort();
    EmbeddedBroker b = new EmbeddedBroker(new EmbeddedBroker.Settings("127.0.0.1", port, dir, null), null);
    b.start();
    return new TestBroker() {
      @Override
      public String url() {
        return "tcp://127.0.0.1:" + port;
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() {
        b.close();
      }

      @Override
      public String shareGroup(String tag) {
        return "none";
      }

      @Override
      public String toString() {
        return "embedded HiveMQ";
      }
    };
  }

  static TestBroker mosquitto(Path dir) throws IOException {
    return of(MosquittoBroker.start(dir, MosquittoBroker.freePort(),
        List.of("allow_anonymous true", "max_queued_messages 10000")));
  }

  /** A broker (or a node of a cluster) that the test runs and closes itself. */
  static TestBroker at(String url, int port) {
    return new TestBroker() {
      @Override
      public String url() {
        return url;
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() {
        // the test owns the broker
      }

      @Override
      public String toString() {
        return url;
      }
    };
  }

  /** A Mosquitto the test configured itself. */
  static TestBroker of(MosquittoBroker m) {
    return new TestBroker() {
      @Override
      public String url() {
        return m.url();
      }

      @Override
      public int port() {
        return m.port();
      }

      @Override
      public void close() {
        m.close();
      }

      @Override
      public String toString() {
        return "Mosquitto";
      }
    };
  }
}
