package kuzet.hub.brokerauth;

import kuzet.brokeraccount.MosquittoPasswordHash;
import kuzet.brokeraccount.HubAccount;
import kuzet.brokeraccount.Principal;
import kuzet.hub.logging.LogText;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets in the hub's account and registered, not revoked posts: by client certificate (the TLS listener has already
 * checked it against the fleet CA; its CN is the post id and its serial must be the one the registry issued) or
 * by username = post id and the password behind the registry's {@code $7$} hash. A post must use its id as its
 * client id, so one device cannot take over another's session.
 */
final class RegistryAuthenticator implements SimpleAuthenticator {
  private static final Logger log = LoggerFactory.getLogger(RegistryAuthenticator.class);

  private final PostRegistry registry;
  private final HubAccount hub;

  RegistryAuthenticator(PostRegistry registry, HubAccount hub) {
    this.registry = registry;
    this.hub = hub;
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    String clientId = input.getClientInformation().getClientId();
    Optional<X509Certificate> cert = input.getConnectionInformation().getClientTlsInformation()
        .flatMap(ClientTlsInformation::getClientCertificate);
    Decision d;
    try {
      d = cert.isPresent() ? byCertificate(cert.get(), clientId) : byPassword(input, clientId);
    } catch (RuntimeException e) {
      log.error("broker authentication of client '{}' failed on a registry error", LogText.clean(clientId), e);
      output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "registry unavailable");
      return;
    }
    if (d.principal() == null) {
      log.warn("refused MQTT client '{}': {}", LogText.clean(clientId), LogText.clean(d.reason()));
      output.failAuthentication(d.code(), d.reason());
      return;
    }
    input.getConnectionInformation().getConnectionAttributeStore()
        .putAsString(RegistryAuthorizer.PRINCIPAL_ATTRIBUTE, RegistryAuthorizer.encode(d.principal()));
    output.authenticateSuccessfully();
  }

  private Decision byPassword(SimpleAuthInput input, String clientId) {
    Optional<String> user = input.getConnectPacket().getUserName();
    Optional<String> password = input.getConnectPacket().getPassword().map(MqttStrings::utf8);
    if (user.isEmpty() || password.isEmpty()) {
      return Decision.refuse(ConnackReasonCode.NOT_AUTHORIZED, "no credentials");
    }
    if (user.get().equals(hub.username())) {
      return hub.accepts(password.get())
          ? Decision.allow(new Principal.Hub())
          : Decision.refuse(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong hub password");
    }
    if (!PostId.isValid(user.get())) {
      return Decision.refuse(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user");
    }
    PostId id = new PostId(user.get());
    Optional<RegisteredPost> post = registry.find(id).filter(RegisteredPost::active);
    if (post.isEmpty() || post.get().mqttPasswordHash() == null
        || !MosquittoPasswordHash.verify(password.get(), post.get().mqttPasswordHash())) {
      return Decision.refuse(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown, revoked or wrong password");
    }
    return sameClientId(id, clientId);
  }

  private Decision byCertificate(X509Certificate cert, String clientId) {
    String cn = commonName(cert);
    if (cn == null || !PostId.isValid(cn)) {
      return Decision.refuse(ConnackReasonCode.NOT_AUTHORIZED, "certificate CN is not a post id");
    }
    PostId id = new PostId(cn);
    String serial = cert.getSerialNumber().toString(16);
    Optional<RegisteredPost> post = registry.find(id).filter(RegisteredPost::active);
    if (post.isEmpty() || post.get().certificateSerial() == null
        || !post.get().certificateSerial().equalsIgnoreCase(serial)) {
      return Decision.refuse(ConnackReasonCode.NOT_AUTHORIZED, "certificate not issued to an active post");
    }
    return sameClientId(id, clientId);
  }

  private static Decision sameClientId(PostId id, String clientId) {
    return id.value().equals(clientId)
        ? Decision.allow(new Principal.Device(id))
        : Decision.refuse(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "a post must use its id as client id");
  }

  static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  private record Decision(Principal principal, ConnackReasonCode code, String reason) {
    static Decision allow(Principal p) {
      return new Decision(p, ConnackReasonCode.SUCCESS, "ok");
    }

    static Decision refuse(ConnackReasonCode code, String reason) {
      return new Decision(null, code, reason);
    }
  }

  private static final class MqttStrings {
    static String utf8(ByteBuffer buffer) {
      ByteBuffer b = buffer.asReadOnlyBuffer();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
