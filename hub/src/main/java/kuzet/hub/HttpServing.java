package kuzet.hub;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.TimeUnit;
import kuzet.hub.config.ConfigException;
import kuzet.hub.config.ConfigKey;
import kuzet.hub.config.HubConfig;

/** How the hub's HTTP server listens: guards against idle and silent connections, and HTTPS when configured. */
final class HttpServing {
  private HttpServing() {}

  static HttpServerOptions options(HubConfig.Http http, HubConfig.HttpGuards guards) {
    // a connection that sends nothing (a slow or abandoned client) is closed rather than held forever
    HttpServerOptions o = new HttpServerOptions().setIdleTimeout(guards.idleTimeoutS())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        // no cleartext HTTP/2 detection: it waits for a connection's first bytes before the connection counts
        // (ConnectionCap) or its idle timer runs, so silent connections would pile up unseen
        .setHttp2ClearTextEnabled(false);
    if (http.tls()) {
      o.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(http.tlsCert().toString()).setKeyPath(http.tlsKey().toString()));
    }
    return o;
  }

  /** Vert.x reads the PEM files only when it listens; its message does not say which setting was wrong. */
  static ConfigException tlsFailure(HubConfig.Http http, Throwable e) {
    return new ConfigException(ConfigKey.HTTP_TLS_CERT.key(), "cannot serve HTTPS with certificate " + http.tlsCert()
        + " and key " + http.tlsKey() + " (" + ConfigKey.HTTP_TLS_KEY.key() + "): " + e.getMessage());
  }
}
