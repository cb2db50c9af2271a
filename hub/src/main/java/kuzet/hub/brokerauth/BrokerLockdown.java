package kuzet.hub.brokerauth;

import kuzet.brokeraccount.HubAccount;
import kuzet.brokeraccount.FleetFiles;
import com.hivemq.embedded.EmbeddedExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import kuzet.hub.broker.EmbeddedBroker;
import kuzet.hub.config.BrokerAuth;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.ConfigKey;
import kuzet.hub.config.HubConfig;
import kuzet.registry.PostRegistry;

/**
 * The embedded broker's default lock-down, built from the fleet directory that {@code kuzet-provision fleet init}
 * wrote: the registry extension with the hub account, and a TLS listener that requires a client certificate
 * from the fleet CA. Problems with those files stop the hub at start, naming the config key to fix.
 */
public final class BrokerLockdown {
  private BrokerLockdown() {}

  /**
   * The access extension for the embedded broker, or null with {@code broker.auth=none}. Also checks that the
   * hub's own client will get in: its username and password must be the hub account's.
   */
  public static EmbeddedExtension extension(HubConfig config, PostRegistry registry) {
    HubConfig.Broker b = config.broker();
    if (!b.embedded() || b.auth() == BrokerAuth.NONE) {
      return null;
    }
    return RegistryAccess.embeddedExtension(registry, hubAccount(b), config.mqtt().topics());
  }

  /** The TLS listener with client certificates, or null (external broker, {@code broker.auth=none}, tlsPort 0). */
  public static EmbeddedBroker.Tls tlsListener(HubConfig.Broker b) {
    if (!b.embedded() || b.auth() == BrokerAuth.NONE || b.tlsPort() == 0) {
      return null;
    }
    FleetFiles files = new FleetFiles(b.fleetDir());
    String noTls = "or set broker.embedded.tlsPort=0 for no TLS listener";
    Path keyStore = readable(files.hubKeyStore(), noTls);
    Path trustStore = readable(files.trustStore(), noTls);
    String keyPassword = secret(files.hubKeyStorePassword(), noTls);
    String trustPassword = secret(files.trustStorePassword(), noTls);
    checkOpens(keyStore, keyPassword);
    checkOpens(trustStore, trustPassword);
    return new EmbeddedBroker.Tls(b.tlsHost(), b.tlsPort(), keyStore, keyPassword, trustStore, trustPassword,
        "REQUIRED");
  }

  /** The hub account from the fleet directory, once the configured hub credentials are known to match it. */
  static HubAccount hubAccount(HubConfig.Broker b) {
    Path file = readable(new FleetFiles(b.fleetDir()).hubAccount(),
        "or set broker.auth=none to let anyone connect (demo only)");
    HubAccount account;
    try {
      account = HubAccount.read(file);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.BROKER_FLEET_DIR.key(), e.getMessage());
    }
    if (b.username().isEmpty()) {
      throw new ConfigException(ConfigKey.BROKER_USERNAME.key(), "is required with broker.auth=registry: the hub "
          + "account's name '" + account.username() + "' from " + file);
    }
    if (!b.username().equals(account.username())) {
      throw new ConfigException(ConfigKey.BROKER_USERNAME.key(), "'" + b.username() + "' is not the hub account '"
          + account.username() + "' in " + file);
    }
    if (b.password().isEmpty()) {
      throw new ConfigException(ConfigKey.BROKER_PASSWORD.key(), "is required with broker.auth=registry: the hub "
          + "password that kuzet-provision fleet init printed");
    }
    if (!account.accepts(b.password())) {
      throw new ConfigException(ConfigKey.BROKER_PASSWORD.key(), "does not match the hub account in " + file
          + " (use the password fleet init printed for this fleet)");
    }
    return account;
  }

  private static Path readable(Path file, String alternative) {
    if (!Files.isReadable(file)) {
      throw new ConfigException(ConfigKey.BROKER_FLEET_DIR.key(), "no readable " + file + ": run 'kuzet-provision "
          + "fleet init' for this hub's data directory (or point broker.fleetDir at the fleet), " + alternative);
    }
    return file;
  }

  private static String secret(Path file, String alternative) {
    try {
      return FleetFiles.readSecret(readable(file, alternative));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKey.BROKER_FLEET_DIR.key(), e.getMessage());
    }
  }

  private static void checkOpens(Path store, String password) {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new ConfigException(ConfigKey.BROKER_FLEET_DIR.key(), "cannot open the key store " + store
          + " with its password file: " + e.getMessage());
    }
  }
}
