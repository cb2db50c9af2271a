package kuzet.packaging;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What each package must hold: files with their modes (all owned by root; the group kuzet comes from dpkg-statoverride
 * in postinst, because the user does not exist yet when dpkg unpacks), conffiles, the unit and where it came from.
 */
record Expected(String name, Map<String, String> modes, Set<String> conffiles, String unit, Path unitSource,
                String dataDir) {
  static final Expected HUB = new Expected("kuzet-hub",
      Map.of("/opt/kuzet/hub.jar", "-rw-r--r--",
          "/opt/kuzet/kuzet-provision.jar", "-rw-r--r--",
          "/opt/kuzet/kuzet-hub-start", "-rwxr-xr-x",
          "/lib/systemd/system/kuzet-hub.service", "-rw-r--r--",
          "/etc/kuzet/hub.properties", "-rw-r-----",
          "/etc/kuzet/hub.env", "-rw-------",
          "/etc/kuzet/hub-jvm.flags", "-rw-r--r--",
          "/usr/share/doc/kuzet-hub/copyright", "-rw-r--r--",
          "/usr/share/doc/kuzet-hub/installer-guide.md", "-rw-r--r--",
          "/usr/share/doc/kuzet-hub/hub-config.md", "-rw-r--r--"),
      Set.of("/etc/kuzet/hub.properties", "/etc/kuzet/hub.env", "/etc/kuzet/hub-jvm.flags"),
      "/lib/systemd/system/kuzet-hub.service", Path.of("../hub/packaging/kuzet-hub.service"), "/var/lib/kuzet");

  static final Expected AGENT = new Expected("kuzet-agent",
      Map.of("/opt/kuzet/versions/" + System.getProperty("kuzet.version", "0.1.0-SNAPSHOT") + "/edge-agent.jar", "-rw-r--r--",
          "/lib/systemd/system/kuzet-agent.service", "-rw-r--r--",
          "/etc/kuzet/agent.conf", "-rw-r-----",
          "/etc/kuzet/jvm-small.flags", "-rw-r--r--",
          "/usr/share/doc/kuzet-agent/copyright", "-rw-r--r--",
          "/usr/share/doc/kuzet-agent/installer-guide.md", "-rw-r--r--",
          "/usr/share/doc/kuzet-agent/hardware.md", "-rw-r--r--"),
      Set.of("/etc/kuzet/agent.conf", "/etc/kuzet/jvm-small.flags"),
      "/lib/systemd/system/kuzet-agent.service", Path.of("../edge-agent/packaging/kuzet-agent.service"),
      "/var/lib/kuzet-agent");

  static Expected of(String name) {
    return name.equals(HUB.name) ? HUB : AGENT;
  }

  /** The main configuration file, which postinst gives to the group kuzet. */
  String config() {
    return conffiles.stream().filter(f -> modes.get(f).equals("-rw-r-----")).findFirst().orElseThrow();
  }
}
