package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium, driven by Selenium) on a real local
 * cluster: both lanes move under the page's load; killing inventory-service from the page makes the
 * sync lane fail and the async lag grow while async accepts go on; starting it again brings both
 * back; the short scenario runs from the page and its report opens. Screenshots of those moments go
 * to {@code target/console-screenshots}.
 */
class ConsoleIT extends OnLabCluster {

  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");

  private static Process console;
  private static Path consoleOutput;
  private static String url;
  private static WebDriver browser;

  @BeforeAll
  static void openConsole() throws Exception {
    consoleOutput = Files.createTempFile("console", ".out");
    console = cluster.start(consoleOutput, "console", "--port", "0");
    // Until the console prints its address, or dies trying (the assertion below says why).
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !console.isAlive() || URL.matcher(Files.readString(consoleOutput)).find());
    } catch (ConditionTimeoutException e) {
      // The assertion below fails with what the console printed.
    }
    Matcher m = URL.matcher(Files.readString(consoleOutput));
    url = m.find() ? m.group(1) : null;
    assertThat(url)
        .as("lab console printed its address: " + Files.readString(consoleOutput))
        .isNotNull();
    browser = chromium();
  }

  /** Headless Chromium from Debian's packages; the test fails, not skips, without it. */
  private static WebDriver chromium() {
    File driver = new File("/usr/bin/chromedriver");
    File binary = new File("/usr/bin/chromium");
    assertThat(driver.canExecute())
        .as("apt-get install chromium chromium-driver (.ci/run does)")
        .isTrue();
    assertThat(binary.canExecute())
        .as("apt-get install chromium chromium-driver (.ci/run does)")
        .isTrue();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2600");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void closeConsole() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (console != null) {
      console.destroy();
      if (!console.waitFor(20, TimeUnit.SECONDS)) {
        console.destroyForcibly();
      }
    }
  }

  @Test
  void aKilledInventoryShowsOnBothLanesAndTheShortScenarioRunsFromThePage() throws Exception {
    browser.get(url);
    waitFor(Duration.ofSeconds(60), "the page is live", b -> text("connection").equals("live"));

    type("load-rate", "30");
    type("load-duration", "5m");
    click("load-start");
    waitFor(
        Duration.ofSeconds(90),
        "both lanes move",
        b -> number("sync-accepted") > 0 && number("async-accepted") > 0);
    screenshot("1-both-lanes");

    choose("fault-kind", "kill");
    choose("fault-part", "inventory-service");
    click("fault-apply");
    waitFor(
        Duration.ofSeconds(30),
        "the kill is said",
        b -> text("fault-result").contains("inventory-service"));
    assertThat(browser.findElement(By.id("fault-result")).getAttribute("class")).contains("good");
    waitFor(
        Duration.ofSeconds(20),
        "inventory-service drawn down",
        b -> health("inventory-service").equals("down"));
    waitFor(
        Duration.ofSeconds(20),
        "the kill is listed on the picture (lab fault list)",
        b -> text("fault-notes").contains("inventory-service killed since"));
    waitFor(
        Duration.ofSeconds(60),
        "sync fails while async accepts and its lag grows",
        b ->
            number("sync-errors") + number("sync-failed") > 0
                && number("async-accepted") > 0
                && number("async-lag") >= 30);
    double lagWhileDown = number("async-lag");
    screenshot("2-inventory-killed");

    choose("fault-kind", "start");
    choose("fault-part", "inventory-service");
    click("fault-apply");
    waitFor(
        Duration.ofSeconds(90),
        "inventory-service drawn up",
        b -> health("inventory-service").equals("up"));
    waitFor(
        Duration.ofSeconds(120),
        "both recover: sync answers without errors, the lag drains",
        b ->
            number("sync-accepted") > 0
                && number("sync-errors") == 0
                && number("sync-failed") == 0
                && number("async-lag") < Math.max(10, lagWhileDown / 3));
    screenshot("3-recovered");
    click("load-stop");
    waitFor(Duration.ofSeconds(10), "the load stops", b -> text("load-result").contains("stopped"));

    choose("fault-kind", "latency");
    choose("fault-part", "inventory-service");
    type("fault-fixed", "soon");
    click("fault-apply");
    waitFor(
        Duration.ofSeconds(20), "bad input is refused", b -> text("fault-result").contains("soon"));
    assertThat(browser.findElement(By.id("fault-result")).getAttribute("class")).contains("bad");

    type("fault-fixed", "5ms");
    type("fault-for", "30s");
    click("fault-apply");
    waitFor(
        Duration.ofSeconds(20),
        "a latency fault is injected",
        b -> text("fault-result").contains("injected"));
    waitFor(
        Duration.ofSeconds(20),
        "the service's admin fault is listed, fired count and all",
        b -> text("fault-notes").matches("(?s).*inventory-service fault f-\\S+: .*fired=.*"));
    click("fault-clear");
    waitFor(
        Duration.ofSeconds(20),
        "clear all leaves no fault listed",
        b -> !text("fault-notes").contains("inventory-service fault f-"));

    new Select(browser.findElement(By.id("scenario-file"))).selectByValue("quick-look.yaml");
    type("scenario-warmup", "0s");
    click("scenario-run");
    waitFor(
        Duration.ofSeconds(20),
        "the scenario starts",
        b -> text("scenario-status").contains("quick-look"));
    waitFor(
        Duration.ofSeconds(240),
        "its report is ready",
        b -> !b.findElements(By.id("scenario-report-link")).isEmpty());
    click("scenario-report-link");
    waitFor(
        Duration.ofSeconds(20),
        "the report opens",
        b -> text("report-view").contains("quick-look"));
    assertThat(browser.findElements(By.cssSelector("#report-view img"))).isNotEmpty();
    screenshot("4-report");
  }

  @Test
  void aChangeFromAnotherOriginOrWithoutThePagesTokenIsRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String origin : new String[] {"http://evil.example", url.substring(0, url.length() - 1)}) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "api/fault"))
                  .header("Origin", origin)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("fault=kill&part=inventory-service"))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as(origin).isEqualTo(403);
    }
    assertThat(cluster.lab(Duration.ofSeconds(30), "status").output()).doesNotContain("dead");
  }

  private static void waitFor(Duration bound, String what, Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, bound, Duration.ofMillis(500))
        .withMessage(() -> what + "; the page said: " + pageState())
        // the page redraws the map and the figures on every sample, so an element found a moment
        // ago may be gone: read the new one on the next poll
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  private static String pageState() {
    try {
      return browser.findElement(By.tagName("main")).getText();
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static double number(String id) {
    String t = text(id);
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String health(String part) {
    return browser.findElement(By.id("part-" + part)).getAttribute("data-health");
  }

  private static void type(String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private static void choose(String id, String value) {
    new Select(browser.findElement(By.id(id))).selectByVisibleText(value);
  }

  private static void click(String id) {
    waitFor(
        Duration.ofSeconds(10),
        "clicking " + id,
        b -> {
          b.findElement(By.id(id)).click();
          return true;
        });
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve(name + ".png"), png);
  }
}
