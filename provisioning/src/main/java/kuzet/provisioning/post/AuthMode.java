package kuzet.provisioning.post;

/** Which credentials a post gets. */
public enum AuthMode {
  /** A client certificate only: the post must use the TLS listener. */
  CERT,
  /** An MQTT password only. */
  PASSWORD,
  /** Both, so the post can use the TLS listener and fall back to a password listener. */
  BOTH;

  boolean certificate() {
    return this != PASSWORD;
  }

  boolean password() {
    return this != CERT;
  }
}
