package kuzet.hub.brokerauth;

import kuzet.brokeraccount.TopicRules;
import kuzet.brokeraccount.Principal;
import kuzet.hub.logging.LogText;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import java.util.Optional;
import kuzet.registry.PostRegistry;
import kuzet.registry.RegisteredPost;
import kuzet.protocol.PostId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TopicRules} to every publish and subscription. A device's registration is looked up again each
 * time, so revoking a post cuts off a connection that is already open, not just the next one.
 */
final class RegistryAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {
  static final String PRINCIPAL_ATTRIBUTE = "kuzet.principal";
  private static final String HUB = "hub";
  private static final String POST_PREFIX = "post:";
  private static final Logger log = LoggerFactory.getLogger(RegistryAuthorizer.class);

  private final PostRegistry registry;
  private final TopicRules rules;

  RegistryAuthorizer(PostRegistry registry, TopicRules rules) {
    this.registry = registry;
    this.rules = rules;
  }

  static String encode(Principal p) {
    return p instanceof Principal.Device d ? POST_PREFIX + d.postId().value() : HUB;
  }

  @Override
  public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
    Optional<Principal> who = principal(input);
    if (who.isEmpty()) {
      output.disconnectClient(DisconnectReasonCode.NOT_AUTHORIZED, "post is not registered or was revoked");
      return;
    }
    String topic = input.getPublishPacket().getTopic();
    if (!rules.mayPublish(who.get(), topic)) {
      log.warn("refused publish by {} to {}", encode(who.get()), LogText.clean(topic));
      output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not your topic");
    } else if (input.getPublishPacket().getRetain() && !rules.mayRetain(who.get(), topic)) {
      log.warn("refused retained publish by {} to {}", encode(who.get()), LogText.clean(topic));
      output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "retain only on your status topic");
    } else {
      output.authorizeSuccessfully();
    }
  }

  @Override
  public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
    Optional<Principal> who = principal(input);
    if (who.isEmpty()) {
      output.disconnectClient(DisconnectReasonCode.NOT_AUTHORIZED, "post is not registered or was revoked");
      return;
    }
    String filter = input.getSubscription().getTopicFilter();
    if (rules.maySubscribe(who.get(), filter)) {
      output.authorizeSuccessfully();
    } else {
      log.warn("refused subscription by {} to {}", encode(who.get()), LogText.clean(filter));
      output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not your topic");
    }
  }

  private Optional<Principal> principal(ClientBasedInput input) {
    Optional<String> stored = input.getConnectionInformation().getConnectionAttributeStore()
        .getAsString(PRINCIPAL_ATTRIBUTE);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    if (stored.get().equals(HUB)) {
      return Optional.of(new Principal.Hub());
    }
    PostId id = new PostId(stored.get().substring(POST_PREFIX.length()));
    try {
      return registry.find(id).filter(RegisteredPost::active).map(p -> new Principal.Device(id));
    } catch (RuntimeException e) {
      log.error("registry lookup for {} failed; refusing its message", id, e);
      return Optional.empty();
    }
  }
}
