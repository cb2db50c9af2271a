package kuzet.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 11's "done when" for the demo, as a check anyone can run (docs/demo.md): starts {@code ./run demo} on free
 * ports with a fresh data directory, leaves it alone for the given seconds (600 for the real check) once the fleet
 * simulator runs, then reads the hub's REST API as the demo admin and prints PASS or FAIL for each condition: at most
 * 3 open alarms that are not PANIC, the post list not all red, and the supervisor's alarm rate in the acceptable band.
 * Exit code 0 when all pass. Not part of the test suite: the real check takes 10 minutes.
 */
public final class DemoShiftCheck {
  static final Pattern SIGN_IN = Pattern.compile("Board sign-in \\(shown once\\): (\\S+) / (\\S+)");
  static final int MAX_OPEN_NON_PANIC_ALARMS = 3;

  private DemoShiftCheck() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(System.getProperty("demo.seconds", args.length > 0 ? args[0] : "600"));
    Path root = Path.of(System.getProperty("demo.root", ".")).toAbsolutePath().normalize();
    Path data = Files.createTempDirectory(Files.createDirectories(root.resolve("hub/target")), "demo-check-");
    int http = freePort();
    ProcessBuilder pb = new ProcessBuilder("./run", "demo").directory(root.toFile()).redirectErrorStream(true);
    pb.environment().put("KUZET_DEMO_HTTP_PORT", Integer.toString(http));
    pb.environment().put("KUZET_DEMO_BROKER_PORT", Integer.toString(freePort()));
    pb.environment().put("KUZET_DEMO_DATA_DIR", data.toString());
    System.out.println("demo check: ./run demo on port " + http + ", data in " + data + "; left alone " + seconds + " s once the fleet runs");
    Process demo = pb.start();
    boolean pass;
    try {
      String[] signIn = awaitStart(demo);
      Thread.sleep(Duration.ofSeconds(seconds).toMillis());
      pass = check("http://127.0.0.1:" + http, signIn[0], signIn[1]);
    } finally {
      stop(demo);
    }
    System.out.println(pass ? "demo check: PASS" : "demo check: FAIL (hub log: " + data.resolve("hub.log") + ")");
    System.exit(pass ? 0 : 1);
  }

  /**
   * Stops the hub and the simulator first, then ./run itself: SIGTERM to each (their shutdown hooks close the broker,
   * QuestDB and the outboxes), SIGKILL to any still there after 30 s. Killing only ./run was seen to leave both running.
   */
  static void stop(Process demo) throws InterruptedException {
    var children = demo.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : children) {
      try {
        p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        p.destroyForcibly();
      }
    }
    demo.destroy();
    demo.waitFor();
  }

  /** Echoes ./run demo's output until the simulator runs; returns the demo admin's user name and password. */
  static String[] awaitStart(Process demo) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
    String[] signIn = null;
    boolean fleet = false;
    for (String line; (line = out.readLine()) != null; ) {
      System.out.println("  | " + line);
      Matcher m = SIGN_IN.matcher(line);
      if (m.find()) {
        signIn = new String[] {m.group(1), m.group(2)};
      }
      fleet |= line.contains("Fleet simulator started");
      if (fleet && signIn != null) {
        // keep draining the output, so the demo never blocks on a full pipe
        BufferedReader rest = out;
        CompletableFuture.runAsync(() -> rest.lines().forEach(l -> { }));
        return signIn;
      }
    }
    throw new IllegalStateException("./run demo ended before the hub and the fleet simulator were up (and a fresh data"
        + " directory always prints the demo sign-in)");
  }

  static boolean check(String base, String user, String password) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> session = client.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            new ObjectMapper().createObjectNode().put("username", user).put("password", password).toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (session.statusCode() != 200) {
      throw new IllegalStateException("sign-in as " + user + " answered " + session.statusCode() + ": " + session.body());
    }
    JsonNode alerts = get(client, base + "/api/alerts");
    JsonNode posts = get(client, base + "/api/posts");
    JsonNode load = get(client, base + "/api/alarm-load");
    Set<String> maintenance = new HashSet<>();
    get(client, base + "/api/alert-types").forEach(k -> {
      if (!k.path("alarm").asBoolean(true)) {
        maintenance.add(k.path("type").asText());
      }
    });

    // as the board's queue shows them: alarms (not maintenance notices), a group by its leader only
    long openNonPanic = 0;
    StringBuilder which = new StringBuilder();
    for (JsonNode a : alerts) {
      String type = a.path("type").asText();
      boolean folded = !a.path("groupId").isNull() && !a.path("groupId").isMissingNode()
          && !a.path("groupId").asText().equals(a.path("id").asText());
      if (!type.equals("PANIC") && !maintenance.contains(type) && !folded) {
        openNonPanic++;
        which.append(' ').append(type).append('@').append(a.path("postId").asText());
      }
    }
    long red = 0;
    for (JsonNode p : posts) {
      // the board draws a row red for a critical alarm (webroot/js/posts.js)
      red += "CRITICAL".equals(p.path("alarmPriority").asText()) ? 1 : 0;
    }
    String band = load.path("band").asText();
    boolean a = report(openNonPanic <= MAX_OPEN_NON_PANIC_ALARMS, "open alarms that are not PANIC: " + openNonPanic
        + " (at most " + MAX_OPEN_NON_PANIC_ALARMS + ")" + which);
    boolean b = report(posts.size() > 0 && red < posts.size(), "posts shown red: " + red + " of " + posts.size()
        + " (not all)");
    boolean c = report("acceptable".equals(band), "alarm rate on the supervisor page: " + load.path("lastTenMinutes").asLong()
        + " in the last 10 minutes, band '" + band + "' (acceptable)");
    return a && b && c;
  }

  static boolean report(boolean ok, String what) {
    System.out.println((ok ? "PASS  " : "FAIL  ") + what);
    return ok;
  }

  static JsonNode get(HttpClient client, String url) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return new ObjectMapper().readTree(r.body());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
