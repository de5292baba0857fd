package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static dev.schemawarden.app.server.ServiceHarness.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser (Debian's headless chromium through chromedriver) on a real {@code warden serve}:
 * a pull request delivered to the service is reviewed, listed, and shown with its lock timeline; the audit page
 * verifies the chain and names an entry tampered with by SQL. Screenshots of each page at 1280 and 390 px go to
 * {@code target/console-screenshots/} (docs/console/ holds copies). Skipped, saying why, without chromium.
 */
class ConsoleBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String TOKEN = "console-browser-token-9a7e-never-render-me";
  static final String SCRIPT = "<script>document.title='owned'</script>";

  static FakeGitHub github;
  static String stateUrl;
  static WardenServer server;
  static WebDriver browser;
  static Path profile;
  static Path shots;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver;"
            + " .ci/run installs them)");
    github =
        new FakeGitHub(
            GithubWebhookEndToEndTest.REPO,
            2,
            GithubWebhookEndToEndTest.BASE,
            GithubWebhookEndToEndTest.HEAD);
    String v4 = repoFile("db/migration/V4__orders_status.sql");
    github.file(
        "db/migration/V4__orders_status.sql",
        "added",
        GithubWebhookEndToEndTest.addedPatch(v4),
        v4,
        null);
    String v5 = "-- a note " + SCRIPT + "\nCOMMENT ON TABLE orders IS '" + SCRIPT + "';\n";
    github.file(
        "db/migration/V5__note.sql", "added", GithubWebhookEndToEndTest.addedPatch(v5), v5, null);
    GithubWebhookEndToEndTest.shopBase(github);
    stateUrl = ServiceHarness.freshDatabase();
    ServiceConfig config = ServiceHarness.config(stateUrl, github.url());
    server =
        WardenServer.start(
            config,
            dev.schemawarden.app.testing.Reviews.service(),
            java.time.Clock.systemUTC(),
            Optional.of(TOKEN));
    profile = Files.createTempDirectory("warden-chromium-");
    shots = Path.of("target", "console-screenshots");
    Files.createDirectories(shots);
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile);
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
            options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    if (github != null) {
      github.close();
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** Both widths; the page is made as tall as its content so the screenshot shows all of it. */
  void screenshots(String name) {
    for (int width : List.of(1280, 390)) {
      browser.manage().window().setSize(new Dimension(width, 900));
      long height =
          (Long)
              ((JavascriptExecutor) browser)
                  .executeScript("return Math.min(4000, document.documentElement.scrollHeight)");
      browser.manage().window().setSize(new Dimension(width, (int) Math.max(600, height)));
      byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
      try {
        Files.write(shots.resolve(name + "-" + width + ".png"), png);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @Test
  void
      a_delivered_pull_request_is_listed_shown_with_its_locks_and_the_audit_page_catches_a_tampered_entry() {
    assertThat(
            deliver(server.port(), "pull_request", payload("pull_request.opened.json"))
                .statusCode())
        .isEqualTo(202);
    await(
        "the review is stored",
        Duration.ofSeconds(120),
        () -> count(stateUrl, "SELECT count(*) FROM reviews") == 1);

    browser.get(url("/"));
    assertThat(browser.getCurrentUrl()).as("no session: the sign-in form").endsWith("/signin");
    screenshots("signin");
    browser.findElement(By.id("token")).sendKeys(TOKEN);
    browser.findElement(By.cssSelector("form.signin button")).click();
    // A click returns before the next page has loaded on a busy machine: wait for it, never sleep.
    waitFor("the sign-in to land on the list", () -> !browser.getCurrentUrl().endsWith("/signin"));

    assertThat(browser.getCurrentUrl()).endsWith("/");
    WebElement row = browser.findElement(By.cssSelector("#reviews tbody tr"));
    String head = ServiceHarness.text(stateUrl, "SELECT head_sha FROM reviews");
    assertThat(row.getText())
        .as("the delivered pull request is listed")
        .contains(GithubWebhookEndToEndTest.REPO, "#2", head.substring(0, 12));
    assertThat(browser.getPageSource()).as("no page shows the token").doesNotContain(TOKEN);
    screenshots("reviews");

    String list = browser.getCurrentUrl();
    row.findElement(By.cssSelector("a")).click();
    waitFor(
        "the review page",
        () ->
            !browser.getCurrentUrl().equals(list)
                && !browser.findElements(By.cssSelector("table.locks tbody tr")).isEmpty());
    List<String> locks =
        browser.findElements(By.cssSelector("table.locks tbody tr")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(locks)
        .as("the traced ACCESS EXCLUSIVE on the altered table, held until commit")
        .anySatisfy(l -> assertThat(l).contains("ACCESS EXCLUSIVE", "public.orders", "commit"));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .as("the migration's script is text")
        .contains(SCRIPT);
    assertThat(browser.getTitle()).as("and did not run").doesNotContain("owned");
    screenshots("review");

    appendAuditEntries();
    browser.get(url("/audit"));
    screenshots("audit");
    browser.findElement(By.id("verify")).click();
    waitFor("the verification", () -> resultText().startsWith("Chain"));
    assertThat(resultText()).startsWith("Chain verified: 3 entries");
    tamper(2);
    browser.findElement(By.id("verify")).click();
    waitFor("the second verification", () -> resultText().startsWith("Chain broken"));
    assertThat(resultText()).startsWith("Chain broken at entry #2");
    screenshots("audit-broken");
    browser.findElement(By.cssSelector("#verify-result a")).click();
    waitFor("the audit entry", () -> !browser.findElements(By.id("audit-body")).isEmpty());
    assertThat(browser.findElement(By.id("audit-body")).getText()).contains("mallory");
    screenshots("audit-entry");
  }

  private String resultText() {
    List<WebElement> result = browser.findElements(By.id("verify-result"));
    return result.isEmpty() ? "" : result.get(0).getText();
  }

  /** Polls {@code done} (a page may be mid-load: a driver error counts as not yet) for up to 15 s. */
  private static void waitFor(String what, java.util.function.BooleanSupplier done) {
    await(
        what,
        Duration.ofSeconds(15),
        () -> {
          try {
            return done.getAsBoolean();
          } catch (org.openqa.selenium.WebDriverException e) {
            return false;
          }
        });
  }

  void appendAuditEntries() {
    try (StateStore store =
        StateStore.open(new StateSettings(Optional.of(stateUrl), Path.of("unused"), 1))) {
      AuditLog audit = AuditLog.open(store);
      audit.append(
          AuditRecord.of(AuditEvent.APPROVED, GithubWebhookEndToEndTest.REPO, "prod")
              .withPr(2, "alice")
              .withNote("approved by alice (org/dba)"));
      audit.append(
          AuditRecord.of(AuditEvent.APPLIED, GithubWebhookEndToEndTest.REPO, "prod")
              .withPr(2, "alice")
              .withNote("applied V4, V5 in 1.2 s"));
      audit.append(
          AuditRecord.of(AuditEvent.TOOL_CALLED, GithubWebhookEndToEndTest.REPO, "staging")
              .withActor("agent:release-bot")
              .withNote("review_pull_request"));
    }
  }

  /** Test-only SQL, as in AuditLogTest: the triggers refuse it otherwise. */
  void tamper(long seq) {
    try (Connection c = DriverManager.getConnection(stateUrl);
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE warden_audit.audit_log DISABLE TRIGGER USER");
      s.execute(
          "UPDATE warden_audit.audit_log SET body = replace(body, 'alice', 'mallory') WHERE seq = "
              + seq);
      s.execute("ALTER TABLE warden_audit.audit_log ENABLE TRIGGER USER");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
