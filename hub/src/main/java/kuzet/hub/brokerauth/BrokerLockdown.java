package kuzet.hub.brokerauth;

import com.hivemq.embedded.EmbeddedExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import kuzet.hub.broker.EmbeddedBroker;
import kuzet.hub.config.BrokerAuth;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.ConfigKey;
import kuzet.hub.config.HubConfig;
import kuzet.hub.registry.PostRegistry;

/**
 * The embedded broker's default lock-down, built from the fleet directory that {@code kuzet-provision fleet init}
 * wrote: the registry extension with the hub account, and a TLS listener that requires a client certificate
 * from the fleet CA. Problems with those files stop the hub at start, naming the config key to fix.
 */
public final class BrokerLockdown {
  static final String HUB_ACCOUNT = "hub-account";
  static final String KEY_STORE = "hub.p12";
  static final String TRUST_STORE = "ca.p12";
  private static final String PASSWORD_SUFFIX = ".password";

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
    Path keyStore = fleetFile(b, KEY_STORE, "or set broker.embedded.tlsPort=0 for no TLS listener");
    Path trustStore = fleetFile(b, TRUST_STORE, "or set broker.embedded.tlsPort=0 for no TLS listener");
    String keyPassword = secret(b, keyStore);
    String trustPassword = secret(b, trustStore);
    checkOpens(keyStore, keyPassword);
    checkOpens(trustStore, trustPassword);
    return new EmbeddedBroker.Tls(b.tlsHost(), b.tlsPort(), keyStore, keyPassword, trustStore, trustPassword,
        "REQUIRED");
  }

  /** The hub account from the fleet directory, once the configured hub credentials are known to match it. */
  static HubAccount hubAccount(HubConfig.Broker b) {
    Path file = fleetFile(b, HUB_ACCOUNT, "or set broker.auth=none to let anyone connect (demo only)");
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

  private static Path fleetFile(HubConfig.Broker b, String name, String alternative) {
    Path file = b.fleetDir().resolve(name);
    if (!Files.isReadable(file)) {
      throw new ConfigException(ConfigKey.BROKER_FLEET_DIR.key(), "no readable " + file + ": run 'kuzet-provision "
          + "fleet init' for this hub's data directory (or point broker.fleetDir at the fleet), " + alternative);
    }
    return file;
  }

  private static String secret(HubConfig.Broker b, Path store) {
    Path file = fleetFile(b, store.getFileName() + PASSWORD_SUFFIX, "or set broker.embedded.tlsPort=0");
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(ConfigKey.BROKER_FLEET_DIR.key(), "cannot read " + file + ": " + e.getMessage());
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
