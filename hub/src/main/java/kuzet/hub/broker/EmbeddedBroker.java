package kuzet.hub.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.bootstrap.ClientConnection;
import com.hivemq.persistence.connection.ConnectionPersistence;
import io.netty.channel.Channel;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import kuzet.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ CE running inside the hub's JVM: an MQTT 5 broker with file persistence (sessions, queued
 * messages and retained messages survive a restart). Access rules come from an optional
 * {@link EmbeddedExtension} supplied by whoever builds the hub (the registry-backed device access
 * extension); without one the broker accepts any client, which is only for demos and tests. An optional
 * {@link TelemetryIntake} takes the posts' telemetry inside the broker and hands it to the hub.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  static final long MAX_QUEUED_MESSAGES = 1_000_000;
  static final String INCOMING_PUBLISHES = "com.hivemq.messages.incoming.publish.count";
  private static final String DROPPED = "com.hivemq.messages.dropped.count";

  /** Where and how the broker listens. {@code tls} adds a TLS listener; null for plain TCP only. */
  public record Settings(String host, int port, Path dataDir, Tls tls, boolean inMemory) {
    /** File persistence: sessions, queued and retained messages survive a restart. */
    public Settings(String host, int port, Path dataDir, Tls tls) {
      this(host, port, dataDir, tls, false);
    }
  }

  /**
   * A TLS listener on host:port (host null: the plain listener's) from JKS/PKCS12 key and trust stores;
   * clientAuth is NONE, OPTIONAL or REQUIRED.
   */
  public record Tls(String host, int port, Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
                    String clientAuth) {
    /** A TLS listener on the plain listener's address. */
    public Tls(int port, Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
               String clientAuth) {
      this(null, port, keyStore, keyStorePassword, trustStore, trustStorePassword, clientAuth);
    }
  }

  private final Settings settings;
  private final EmbeddedExtension extension;
  private final TelemetryIntake intake;
  private final ReadPause readPause;
  private volatile EmbeddedHiveMQ hivemq;
  private Function<String, Channel> channels;
  private long droppedReported;

  public EmbeddedBroker(Settings settings, EmbeddedExtension extension) {
    this(settings, extension, null);
  }

  /** With {@code intake} (null: none) taking telemetry inside the broker. */
  public EmbeddedBroker(Settings settings, EmbeddedExtension extension, TelemetryIntake intake) {
    this(settings, extension, intake, TelemetryIntake.PAUSE_AT);
  }

  /** Stopping reading the clients while more than {@code pauseAbove} publishes wait for the intake. */
  EmbeddedBroker(Settings settings, EmbeddedExtension extension, TelemetryIntake intake, long pauseAbove) {
    this.settings = settings;
    this.intake = intake;
    this.readPause = intake == null ? null : new ReadPause(intake::held, pauseAbove);
    this.extension = intake == null ? extension : withIntake(extension);
  }

  /**
   * The access extension with the intake's interceptor added: HiveMQ embeds one extension, and an interceptor
   * registered by another extension would run in an order of its own choosing.
   */
  private EmbeddedExtension withIntake(EmbeddedExtension access) {
    ExtensionMain main = new ExtensionMain() {
      @Override
      public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        if (access != null) {
          access.getExtensionMain().extensionStart(in, out);
        }
        var incoming = Services.metricRegistry().getCounters().get(INCOMING_PUBLISHES);
        if (incoming == null) {
          LOG.warn("HiveMQ has no counter {}: the telemetry intake cannot tell how much the broker holds back and"
              + " will not shed QoS 0 telemetry past {} held publishes", INCOMING_PUBLISHES, TelemetryIntake.MAX_HELD);
        }
        intake.countIncomingWith(incoming);
        Services.initializerRegistry().setClientInitializer((init, client) -> {
          client.addPublishInboundInterceptor(intake);
          Channel ch = channel(init.getClientInformation().getClientId());
          if (ch != null) {
            readPause.install(ch);
          }
        });
      }

      @Override
      public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        if (access != null) {
          access.getExtensionMain().extensionStop(in, out);
        }
      }
    };
    return EmbeddedExtension.builder()
        .withId(access != null ? access.getId() : "kuzet-telemetry-intake")
        .withName(access != null ? access.getName() + " and telemetry intake" : "Kuzet telemetry intake")
        .withVersion(access != null ? access.getVersion() : "1")
        .withAuthor("kuzet")
        .withPriority(access != null ? access.getPriority() : 1000)
        .withStartPriority(access != null ? access.getStartPriority() : 1000)
        .withExtensionMain(main)
        .build();
  }

  /** Starts the broker and waits until it listens. Blocking. */
  public void start() {
    try {
      Path data = settings.dataDir().toAbsolutePath();
      Path conf = data.resolve("conf");
      Path extensions = data.resolve("extensions");
      Files.createDirectories(conf);
      Files.createDirectories(extensions);
      Files.createDirectories(data.resolve("data"));
      writeOwnerOnly(conf.resolve("config.xml"), configXml());
      EmbeddedHiveMQBuilder b = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(data.resolve("data"))
          .withExtensionsFolder(extensions)
          .withoutLoggingBootstrap();
      if (extension != null) {
        b = b.withEmbeddedExtension(extension);
      }
      hivemq = b.build();
      PayloadStoreMemory.bound();
      hivemq.start().get(60, TimeUnit.SECONDS);
      if (intake != null) {
        channel(""); // fails the start here if this HiveMQ's connection registry cannot be reached
      }
      LOG.info("embedded MQTT broker listening on {}:{}{}", settings.host(), settings.port(),
          settings.tls() == null ? "" : " and TLS on " + tlsHost(settings.tls()) + ":" + settings.tls().port());
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare the broker's data folder " + settings.dataDir() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("the embedded broker did not start on port " + settings.port() + ": " + e, e);
    }
  }

  String configXml() {
    StringBuilder x = new StringBuilder("""
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
        """.formatted(settings.port(), xml(settings.host())));
    Tls tls = settings.tls();
    if (tls != null) {
      x.append("""
              <tls-tcp-listener>
                <port>%d</port>
                <bind-address>%s</bind-address>
                <tls>
                  <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
          """.formatted(tls.port(), xml(tlsHost(tls)), xml(tls.keyStore().toAbsolutePath().toString()),
          xml(tls.keyStorePassword()), xml(tls.keyStorePassword())));
      if (tls.trustStore() != null) {
        x.append("          <truststore><path>%s</path><password>%s</password></truststore>\n"
            .formatted(xml(tls.trustStore().toAbsolutePath().toString()), xml(tls.trustStorePassword())));
      }
      x.append("          <client-authentication-mode>%s</client-authentication-mode>\n".formatted(tls.clientAuth()));
      x.append("        </tls>\n      </tls-tcp-listener>\n");
    }
    x.append("""
          </listeners>
          <mqtt>
            <!-- HiveMQ keeps only 1,000 undelivered QoS 1 messages per session by default and silently
                 discards the rest: a burst to the hub (or its backlog while it restarts) would lose telemetry
                 and even PANICs. Sized for 10 minutes of a 1,000 messages/s fleet. -->
            <queued-messages><max-queue-size>%d</max-queue-size><strategy>discard</strategy></queued-messages>
            <!-- without a limit HiveMQ takes 256 MB publishes (and keeps them when retained): a stolen post
                 could exhaust the hub's heap, since the broker runs inside it -->
            <packets><max-packet-size>%d</max-packet-size></packets>
          </mqtt>
          <persistence><mode>%s</mode></persistence>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """.formatted(MAX_QUEUED_MESSAGES, ProtocolCodec.MAX_PACKET_BYTES, settings.inMemory() ? "in-memory" : "file"));
    return x.toString();
  }

  /**
   * A client's connection by its client id, from HiveMQ's own registry: the extension SDK cannot stop reading a
   * client, and HiveMQ CE exposes its injector only to its own package, hence the reflection. Fails the start on a
   * HiveMQ version where this moved, rather than running without flow control.
   */
  static Function<String, Channel> channels(EmbeddedHiveMQ running) {
    try {
      Method getInjector = running.getClass().getDeclaredMethod("getInjector");
      getInjector.setAccessible(true);
      Object injector = getInjector.invoke(running);
      Method getInstance = Class.forName("com.google.inject.Injector").getMethod("getInstance", Class.class);
      ConnectionPersistence connections = (ConnectionPersistence) getInstance.invoke(injector, ConnectionPersistence.class);
      return clientId -> {
        ClientConnection c = connections.get(clientId);
        return c == null ? null : c.getChannel();
      };
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot reach the embedded HiveMQ's connections, which the hub needs to stop"
          + " reading a client that sends faster than it can take (this HiveMQ version is not supported): " + e, e);
    }
  }

  /** A connected client's channel (null: not connected); the registry is looked up at the first call. */
  private synchronized Channel channel(String clientId) {
    if (channels == null) {
      channels = channels(hivemq);
    }
    return channels.apply(clientId);
  }

  /** Times the broker stopped reading a client's socket because it held more than the hub had taken. */
  public long readPauses() {
    return readPause == null ? 0 : readPause.pauses();
  }

  private String tlsHost(Tls tls) {
    return tls.host() != null ? tls.host() : settings.host();
  }

  /** The config names the key stores' passwords, so only the hub's user may read it. */
  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text);
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Messages the broker discarded (a session's queue full, QoS 0 past its memory limit for a slow subscriber such
   * as an overloaded hub, or telemetry the {@link TelemetryIntake} shed): HiveMQ's own
   * {@code com.hivemq.messages.dropped.count}, less the telemetry the intake handed to the hub, which HiveMQ counts
   * as dropped too because its onward delivery was prevented. Never decreases (the two counts are read apart).
   */
  public synchronized long droppedMessages() {
    EmbeddedHiveMQ running = hivemq;
    if (running == null) {
      return droppedReported;
    }
    var counter = running.getMetricRegistry().getCounters().get(DROPPED);
    long taken = intake == null ? 0 : intake.taken();
    long dropped = counter == null ? 0 : counter.getCount() - taken;
    droppedReported = Math.max(droppedReported, dropped);
    return droppedReported;
  }

  /** Stops the broker (its sessions and retained messages stay on disk). Blocking. */
  @Override
  public void close() {
    if (hivemq == null) {
      return;
    }
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
    } catch (Exception e) {
      LOG.warn("stopping the embedded broker: {}", e.toString());
    }
    hivemq = null;
  }
}
