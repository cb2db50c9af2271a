package kuzet.hub;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven through Debian's chromedriver, headless, with a fresh profile.
 * The driver path is set explicitly so Selenium Manager never tries to download anything.
 */
public final class Chromium implements AutoCloseable {
  static final File BINARY = new File("/usr/bin/chromium");
  static final File DRIVER = new File("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final ChromeDriver driver;
  private final ChromeDriverService service;

  public Chromium(Path profileDir) {
    service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1600,1000", "--lang=ru-RU", "--user-data-dir=" + profileDir.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  public static boolean available() {
    return BINARY.canExecute() && DRIVER.canExecute();
  }

  public WebDriverWait waitUpTo(Duration d) {
    // the page rebuilds lists on every live update, so an element seen a moment ago may be gone
    return (WebDriverWait) new WebDriverWait(driver, d, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Clicks, trying again if a live update replaced the element between finding and clicking it. */
  public void click(String css) {
    waitUpTo(Duration.ofSeconds(5)).until(d -> {
      find(css).click();
      return true;
    });
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public void signIn(String baseUrl, String user, String password) {
    driver.get(baseUrl + "/?tiles=off");
    waitUpTo(Duration.ofSeconds(30)).until(d -> find("#signin-user").isDisplayed());
    find("#signin-user").sendKeys(user);
    find("#signin-pass").sendKeys(password);
    click("#signin-form button[type=submit]");
    // a cold Chromium, the first Argon2 check and the board's first API calls: slow on a shared CI machine
    waitUpTo(Duration.ofSeconds(30)).until(d -> find("#board").isDisplayed());
  }

  /** Saves a screenshot under target/screenshots/ for a person to look at. */
  public Path screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /** An element's class and visible text, read in one script so a live re-render cannot pull it away mid-read. */
  public Seen read(String css) {
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> m = (java.util.Map<String, Object>) driver.executeScript(
        "const e = document.querySelector(arguments[0]);"
            + " return e ? {cls: e.className, text: e.innerText, state: e.dataset.state || '',"
            + " buttons: [...e.querySelectorAll('button')].map(b => b.dataset.action || b.textContent)} : null;", css);
    if (m == null) {
      throw new AssertionError("nothing on the page matches " + css);
    }
    @SuppressWarnings("unchecked")
    List<String> buttons = (List<String>) m.get("buttons");
    return new Seen((String) m.get("cls"), (String) m.get("text"), (String) m.get("state"), buttons);
  }

  public record Seen(String cls, String text, String state, List<String> buttons) { }

  /**
   * Errors the page logged (script errors, CSP violations, failed loads), except the one expected 401:
   * the page asks who is signed in before anyone is.
   */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !(m.contains("/api/session") && m.contains("401")))
        .toList();
  }

  public Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
