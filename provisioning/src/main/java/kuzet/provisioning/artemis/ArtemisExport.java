package kuzet.provisioning.artemis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import kuzet.artemis.ClientIdRule;
import kuzet.brokeraccount.FleetFiles;
import kuzet.brokeraccount.Grant;
import kuzet.brokeraccount.HubAccount;
import kuzet.brokeraccount.TopicRules;
import kuzet.protocol.Topics;
import kuzet.provisioning.ca.FleetCa;
import kuzet.provisioning.ca.Pem;
import kuzet.registry.RegisteredPost;

/**
 * Writes the Apache ActiveMQ Artemis (2.40) lock-down equivalent to the Mosquitto export, from the same
 * {@link TopicRules#grants()}: kuzet-users.properties (active posts and the hub, their registry hashes as
 * {@code ENC($7$...)}), kuzet-roles.properties (a role per post, one for all posts, one for the hub), login.config
 * (Kuzet's accounts first, then the broker's own admin files), kuzet-security-settings.xml (a complete
 * {@code <security-settings>} element for broker.xml) and kuzet-artemis-codec.jar ({@link MosquittoHashCodec} for
 * the instance's lib directory), kuzet-broker-plugins.xml (a {@code <broker-plugins>} element registering
 * {@code kuzet.artemis.ClientIdPlugin}, which lets a post connect only under its own id as its client id) and
 * kuzet-artemis-plugin.jar (that plugin, for lib/ too). Posts log in with their password on the instance's MQTT
 * acceptor or with their certificate on the acceptor {@link ArtemisCertificates} writes.
 */
public final class ArtemisExport {
  public static final String USERS_FILE = "kuzet-users.properties";
  public static final String ROLES_FILE = "kuzet-roles.properties";
  public static final String LOGIN_CONFIG = "login.config";
  public static final String SECURITY_SETTINGS = "kuzet-security-settings.xml";
  public static final String CODEC_JAR = "kuzet-artemis-codec.jar";
  public static final String PLUGINS = "kuzet-broker-plugins.xml";
  public static final String PLUGIN_JAR = "kuzet-artemis-plugin.jar";
  public static final String HUB_ROLE = "kuzet-hub";
  public static final String POSTS_ROLE = "kuzet-posts";
  /** The role {@code artemis create} gives its admin user: it keeps every right on everything else. */
  public static final String ADMIN_ROLE = "amq";
  /** By name, not {@code MosquittoHashCodec.class}: the CLI has no Artemis classes to load it with. */
  static final String CODEC_CLASS = "kuzet.provisioning.artemis.MosquittoHashCodec";
  private static final List<String> CODEC_CLASS_FILES = List.of(
      CODEC_CLASS.replace('.', '/') + ".class", "kuzet/brokeraccount/MosquittoPasswordHash.class");
  /** Likewise by name: the plugin's classes are compiled against Artemis, which only the broker has. */
  static final String PLUGIN_CLASS = "kuzet.artemis.ClientIdPlugin";
  private static final List<String> PLUGIN_CLASS_FILES = List.of(PLUGIN_CLASS.replace('.', '/') + ".class",
      "kuzet/artemis/ConnectCheck.class", "kuzet/artemis/ClientIdRule.class", "kuzet/artemis/AccountWatch.class");
  private static final List<String> WRITE = List.of("send", "createAddress");
  private static final List<String> READ = List.of("createAddress", "createDurableQueue", "deleteDurableQueue",
      "createNonDurableQueue", "deleteNonDurableQueue", "consume");
  private static final List<String> ADMIN = List.of("createNonDurableQueue", "deleteNonDurableQueue",
      "createDurableQueue", "deleteDurableQueue", "createAddress", "deleteAddress", "consume", "browse", "send",
      "manage");

  public static final String CERT_USERS_FILE = ArtemisCertificates.CERT_USERS_FILE;
  public static final String ACCEPTOR = ArtemisCertificates.ACCEPTOR;
  public static final String CA_FILE = ArtemisCertificates.CA_FILE;
  public static final String CRL_FILE = ArtemisCertificates.CRL_FILE;
  public static final String KEY_STORE = ArtemisCertificates.KEY_STORE;

  private final Topics topics;
  private final ArtemisCertificates certificates;

  /** {@code tlsPort}: the client-certificate acceptor's. */
  public ArtemisExport(Topics topics, int tlsPort) {
    this.topics = Objects.requireNonNull(topics, "topics");
    this.certificates = new ArtemisCertificates(tlsPort);
  }

  /** Everything the broker needs, for the active posts; revoked posts are left out. */
  public void write(Path dir, List<RegisteredPost> posts, HubAccount hub, FleetCa ca, FleetFiles fleet)
      throws IOException {
    List<RegisteredPost> active = posts.stream().filter(RegisteredPost::active).toList();
    Files.createDirectories(dir);
    Pem.writeSecret(dir.resolve(USERS_FILE), usersFile(active, hub));
    Files.writeString(dir.resolve(ROLES_FILE), rolesFile(active, hub));
    Files.writeString(dir.resolve(LOGIN_CONFIG), loginConfig());
    certificates.write(dir, posts, ca, fleet);
    Files.writeString(dir.resolve(SECURITY_SETTINGS), securitySettings(active));
    Files.writeString(dir.resolve(PLUGINS), brokerPlugins(hub));
    writeJar(dir.resolve(CODEC_JAR), CODEC_CLASS_FILES);
    writeJar(dir.resolve(PLUGIN_JAR), PLUGIN_CLASS_FILES);
  }

  public static String postRole(RegisteredPost post) {
    return "kuzet-post-" + post.id().value();
  }

  /**
   * {@code user = ENC($7$...)}: the registry's hashes, checked in the broker by {@link MosquittoHashCodec}; posts with
   * a certificate only have no password to log in with.
   */
  public String usersFile(List<RegisteredPost> posts, HubAccount hub) {
    StringBuilder b = new StringBuilder("# Kuzet broker accounts, written by kuzet-provision broker export\n");
    b.append(hub.username()).append(" = ENC(").append(hub.passwordHash()).append(")\n");
    posts.stream().filter(p -> p.mqttPasswordHash() != null).forEach(p -> b.append(p.id().value())
        .append(" = ENC(").append(p.mqttPasswordHash()).append(")\n"));
    return b.toString();
  }

  public String rolesFile(List<RegisteredPost> posts, HubAccount hub) {
    StringBuilder b = new StringBuilder("# Kuzet broker roles, written by kuzet-provision broker export\n");
    b.append(HUB_ROLE).append(" = ").append(hub.username()).append('\n');
    b.append(POSTS_ROLE).append(" = ")
        .append(String.join(",", posts.stream().map(p -> p.id().value()).toList())).append('\n');
    posts.forEach(p -> b.append(postRole(p)).append(" = ").append(p.id().value()).append('\n'));
    return b.toString();
  }

  /**
   * Kuzet's accounts with the $7$ codec, the instance's own admin (artemis-users.properties) after them, and the
   * certificate acceptor's domain.
   */
  public String loginConfig() {
    String module = "   org.apache.activemq.artemis.spi.core.security.jaas.PropertiesLoginModule sufficient\n"
        + "       reload=true\n";
    return "/* Kuzet broker login, written by kuzet-provision broker export: replaces etc/login.config */\n"
        + "activemq {\n"
        + module
        + "       org.apache.activemq.jaas.properties.user=\"" + USERS_FILE + "\"\n"
        + "       org.apache.activemq.jaas.properties.role=\"" + ROLES_FILE + "\"\n"
        + "       org.apache.activemq.jaas.properties.password.codec=\"" + CODEC_CLASS + "\";\n"
        + module
        + "       org.apache.activemq.jaas.properties.user=\"artemis-users.properties\"\n"
        + "       org.apache.activemq.jaas.properties.role=\"artemis-roles.properties\";\n"
        + "};\n\n"
        + ArtemisCertificates.loginDomain(ROLES_FILE);
  }

  /**
   * The {@code <security-settings>} element. Artemis applies only the most specific matching setting to an address
   * (it does not add up matches), so every setting carries every grant that covers it: a post's command address
   * also lets the hub send there. MQTT filters become addresses: {@code /} is {@code .}, {@code +} is {@code *}.
   */
  public String securitySettings(List<RegisteredPost> posts) {
    Map<String, Map<String, Set<String>>> settings = new TreeMap<>();
    List<Rule> rules = new ArrayList<>();
    for (Grant g : new TopicRules(topics).grants()) {
      if (g.party() == Grant.Party.HUB) {
        rules.add(new Rule(g.filter(), g.access(), HUB_ROLE));
      } else if (!g.filter().contains(Grant.OWN_ID)) {
        rules.add(new Rule(g.filter(), g.access(), POSTS_ROLE));
      } else {
        posts.forEach(p -> rules.add(new Rule(g.filterFor(p.id()), g.access(), postRole(p))));
      }
    }
    rules.forEach(r -> settings.put(r.filter(), new TreeMap<>()));
    settings.forEach((filter, permissions) -> rules.stream().filter(r -> covers(r.filter(), filter))
        .forEach(r -> (r.access() == Grant.Access.READ ? READ : WRITE)
            .forEach(p -> permissions.computeIfAbsent(p, k -> new TreeSet<>()).add(r.role()))));
    StringBuilder b = new StringBuilder("<!-- Kuzet broker rules, written by kuzet-provision broker export."
        + " Anything not granted is denied. -->\n<security-settings xmlns=\"urn:activemq:core\">\n");
    settings.forEach((filter, permissions) -> appendSetting(b, address(filter), permissions));
    Map<String, Set<String>> admin = new TreeMap<>();
    ADMIN.forEach(p -> admin.put(p, Set.of(ADMIN_ROLE)));
    appendSetting(b, "#", admin);
    return b.append("</security-settings>\n").toString();
  }

  /** A grant for one role, with a post's own id filled in. */
  private record Rule(String filter, Grant.Access access, String role) {}

  private static void appendSetting(StringBuilder b, String match, Map<String, Set<String>> permissions) {
    b.append("   <security-setting match=\"").append(match).append("\">\n");
    permissions.forEach((type, roles) -> b.append("      <permission type=\"").append(type).append("\" roles=\"")
        .append(String.join(",", roles)).append("\"/>\n"));
    b.append("   </security-setting>\n");
  }

  /** An MQTT filter as the Artemis address its MQTT protocol uses for it. */
  public static String address(String mqttFilter) {
    return mqttFilter.replace('/', '.').replace('+', '*');
  }

  /** Whether every topic {@code filter} matches is also matched by {@code rule} ({@code +} and {@code #} as MQTT). */
  static boolean covers(String rule, String filter) {
    String[] r = rule.split("/", -1);
    String[] f = filter.split("/", -1);
    for (int i = 0; i < r.length; i++) {
      if (r[i].equals("#")) {
        return true;
      }
      if (i >= f.length || f[i].equals("#") || !(r[i].equals("+") || r[i].equals(f[i]))) {
        return false;
      }
    }
    return r.length == f.length;
  }

  /**
   * The {@code <broker-plugins>} element: the client-id plugin, with the hub's account as the only one that may choose
   * its client ids (its clients need several; each post must use its own id), and the users files whose accounts may
   * keep their connections when broker.xml is reloaded (a revoked post's is closed).
   */
  public String brokerPlugins(HubAccount hub) {
    return "<!-- Kuzet broker plugins, written by kuzet-provision broker export. Needs " + PLUGIN_JAR
        + " in the instance's lib/. -->\n<broker-plugins xmlns=\"urn:activemq:core\">\n"
        + "   <broker-plugin class-name=\"" + PLUGIN_CLASS + "\">\n"
        + "      <property key=\"" + ClientIdRule.UNBOUND_USERS + "\" value=\"" + hub.username() + "\"/>\n"
        + "      <property key=\"users-files\" value=\"" + USERS_FILE + "," + CERT_USERS_FILE
        + ",artemis-users.properties\"/>\n"
        + "   </broker-plugin>\n</broker-plugins>\n";
  }

  /** Classes of this CLI's, as a jar for the broker's lib directory: the codec and its hash, or the plugin. */
  static void writeJar(Path jar, List<String> classFiles) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    ClassLoader loader = ArtemisExport.class.getClassLoader();
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (String name : classFiles) {
        try (InputStream in = loader.getResourceAsStream(name)) {
          if (in == null) {
            throw new IOException("this build of the CLI lacks " + name + ", needed for " + jar.getFileName());
          }
          out.putNextEntry(new JarEntry(name));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
  }
}
