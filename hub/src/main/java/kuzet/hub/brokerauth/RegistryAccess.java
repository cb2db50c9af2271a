package kuzet.hub.brokerauth;

import kuzet.brokeraccount.TopicRules;
import kuzet.brokeraccount.HubAccount;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.util.Objects;
import kuzet.registry.PostRegistry;
import kuzet.protocol.Topics;

/**
 * The embedded broker's lock-down: a HiveMQ extension that authenticates against the post registry and the hub
 * account and authorizes every publish and subscription with {@link TopicRules}, the same rules as the exported
 * Mosquitto acl_file, and ends the session of a post within seconds of its revocation. Pass the result to {@code EmbeddedHiveMQ.builder().withEmbeddedExtension(..)}.
 */
public final class RegistryAccess {
  public static final String EXTENSION_ID = "kuzet-registry-access";

  private RegistryAccess() {}

  public static EmbeddedExtension embeddedExtension(PostRegistry registry, HubAccount hub) {
    return embeddedExtension(registry, hub, Topics.defaults());
  }

  public static EmbeddedExtension embeddedExtension(PostRegistry registry, HubAccount hub, Topics topics) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(hub, "hub");
    TopicRules rules = new TopicRules(topics);
    RegistryAuthenticator authenticator = new RegistryAuthenticator(registry, hub);
    RegistryAuthorizer authorizer = new RegistryAuthorizer(registry, rules);
    ExtensionMain main = new ExtensionMain() {
      @Override
      public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        new RevocationSweep(registry, Services.clientService()).schedule(Services.extensionExecutorService());
      }

      @Override
      public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
        // the registry belongs to the hub, which closes it
      }
    };
    return EmbeddedExtension.builder()
        .withId(EXTENSION_ID)
        .withName("Kuzet registry access")
        .withVersion("1")
        .withAuthor("kuzet")
        .withPriority(1000)
        .withStartPriority(1000)
        .withExtensionMain(main)
        .build();
  }
}
