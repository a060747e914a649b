package io.connectops.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.connectops.connect.ConnectClient;
import io.connectops.connect.ConnectEndpoint;
import io.connectops.devstack.DevStack;
import io.connectops.devstack.junit.DevStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's Chromium, driven by its chromedriver through Selenium) against the real
 * embedded Kafka + Connect and a real controller following a Git repository: the overview lists the connectors; a
 * hand-made change turns a row OutOfSync and putting it back turns it Synced, without a reload; a failing connector
 * shows Degraded and its trace on its page; a rejected commit shows its reason with file and line; no page and no
 * data behind it ever holds the secret value. Screenshots of the overview and a resource page are taken
 * (target/, and docs/ with -Ddashboard.screenshots=DIR).
 */
@ExtendWith(DevStackExtension.class)
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String NOOP = ControllerAgainstConnectTest.NOOP;
    static final String SECRET = "Dashboard-Secret-Value-7";

    DevStack stack;
    Path tmp;
    GitRepo repo;
    Controller controller;
    HttpEndpoints http;
    WebDriver browser;
    ConnectClient admin;
    String prefix;

    @BeforeEach
    void setUp(DevStack stack, @TempDir Path tmp) throws Exception {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("chromium (" + CHROMIUM + ", Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add("chromedriver (" + CHROMEDRIVER + ", Debian package chromium-driver)");
        }
        String why = "SKIPPED " + getClass().getSimpleName() + ": no " + String.join(" and no ", missing) + " here; .ci/run installs them";
        if (!missing.isEmpty()) {
            System.err.println(why); // on the console, not only in the Surefire report
        }
        assumeTrue(missing.isEmpty(), why);
        this.stack = stack;
        this.tmp = tmp;
        this.admin = new ConnectClient(ConnectEndpoint.of("admin", stack.connectUrl()));
        this.prefix = "d" + UUID.randomUUID().toString().substring(0, 6) + "-";
        this.repo = new GitRepo(tmp.resolve("repo"));
        repo.write("connect/cluster.yaml", """
                apiVersion: connectops.io/v1alpha1
                kind: ConnectCluster
                metadata: {name: local}
                spec:
                  url: %s
                  ownership: {owner: %s}
                """.formatted(stack.connectUrl(), prefix.substring(0, prefix.length() - 1)));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (http != null) {
            http.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    String connector(String name, String config, String extra) {
        return """
                apiVersion: connectops.io/v1alpha1
                kind: Connector
                metadata: {name: %s%s}
                spec:
                  class: %s
                  tasksMax: 1
                %s
                  config:
                %s
                """.formatted(prefix, name, NOOP, extra.indent(2).stripTrailing(), config.indent(4).stripTrailing());
    }

    void start() throws Exception {
        ControllerOptions options = ControllerOptions.builder(repo.dir.toString(), tmp.resolve("cache")).path("connect")
                .interval(Duration.ofMillis(200)).resync(Duration.ofMillis(300)).selfHeal(false)
                .healing(new Healer.Settings(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofSeconds(60)))
                .variables(List.of(), List.of(), List.of("secrets"), null).shutdownTimeout(Duration.ofSeconds(10)).build();
        controller = new Controller(options, new GitSource(repo.dir.toString(), "main", tmp.resolve("cache"), GitSource.Auth.NONE), null,
                Clock.systemUTC());
        http = new HttpEndpoints(new InetSocketAddress("127.0.0.1", 0), controller, null);
        http.start();
        controller.start();
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM.toFile());
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), chrome);
    }

    String base() {
        return "http://127.0.0.1:" + http.port();
    }

    WebElement row(String name) {
        List<WebElement> rows = browser.findElements(By.cssSelector("tr[data-resource='local/" + prefix + name + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    String cell(String name, String column) {
        WebElement row = row(name);
        return row == null ? null : row.findElement(By.cssSelector("td." + column)).getText();
    }

    void waitFor(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(20)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** Clicks what {@code locator} finds, again if the page re-rendered it meanwhile (it updates itself). */
    void click(By locator) {
        new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(locator).click();
                    return true;
                });
    }

    String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve(name), png);
        String docs = System.getProperty("dashboard.screenshots");
        if (docs != null && !docs.isBlank()) {
            Files.write(Files.createDirectories(Path.of(docs)).resolve(name), png);
        }
    }

    @Test
    void theDashboardShowsDriftHealthAndRejectionsLiveAndNeverASecret() throws Exception {
        repo.write("secrets/db.properties", "db.password=" + SECRET + "\n")
                .write("connect/orders.yaml", connector("orders-sink", "noop.label: orders\ndb.password: \"{{ db.password }}\"", ""))
                .write("connect/audit.yaml", connector("audit-source", "noop.label: audit", ""))
                .write("connect/failing.yaml", connector("payments-source", "noop.label: payments\nnoop.fail: \"true\"",
                        "restartPolicy: {maxRetries: 1}"))
                .write("connect/idle.yaml", connector("idle-source", "noop.label: idle", "state: stopped"))
                .commit("four connectors");
        start();
        browser.get(base() + "/");
        waitFor("the overview lists the three connectors", Duration.ofSeconds(60),
                () -> row("orders-sink") != null && row("audit-source") != null && row("payments-source") != null);
        waitFor("all applied: orders Synced", Duration.ofSeconds(60), () -> "Synced".equals(cell("orders-sink", "sync")));
        waitFor("the failing one Degraded", Duration.ofSeconds(60), () -> "Degraded".equals(cell("payments-source", "health")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#resources tbody tr"));
        assertTrue(rows.get(0).getAttribute("data-resource").endsWith("payments-source"), "problems first");
        waitFor("a stopped connector has 0/0 tasks, as the CLI says", Duration.ofSeconds(60), () -> "0/0".equals(cell("idle-source", "tasks")));
        assertEquals("1/1", cell("orders-sink", "tasks"));
        // One page of rows: a count, and no pager buttons; the live dot says what it means.
        assertTrue(browser.findElement(By.id("page")).getText().matches("\\d+ resources"), browser.findElement(By.id("page")).getText());
        assertFalse(browser.findElement(By.id("prev")).isDisplayed() || browser.findElement(By.id("next")).isDisplayed(), "no pager for one page");
        assertEquals("● live", browser.findElement(By.id("live")).getText());
        screenshot("dashboard-overview.png");

        // On a phone, in dark mode: the system's scheme is followed and the secondary columns give way.
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        waitFor("dark and narrow", Duration.ofSeconds(10), () -> "rgb(13, 17, 23)".equals(js.executeScript(
                "return getComputedStyle(document.body).backgroundColor;"))
                && "none".equals(js.executeScript("return getComputedStyle(document.querySelector('#resources th:nth-child(2)')).display;")));
        assertEquals("table-cell", js.executeScript("return getComputedStyle(document.querySelector('#resources th:nth-child(4)')).display;"),
                "sync stays");
        screenshot("dashboard-phone-dark.png");
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));

        // A hand-made change: OutOfSync without a reload; put back by hand: Synced again.
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");
        Map<String, String> live = admin.config(prefix + "audit-source").orElseThrow();
        Map<String, String> drifted = new java.util.HashMap<>(live);
        drifted.put("noop.label", "changed-by-hand");
        drifted.remove("name");
        admin.putConfig(prefix + "audit-source", drifted);
        waitFor("the row OutOfSync", Duration.ofSeconds(30), () -> "OutOfSync".equals(cell("audit-source", "sync")));
        click(By.cssSelector("tr[data-resource='local/" + prefix + "audit-source'] a"));
        waitFor("its page: the key that differs, declared and live", Duration.ofSeconds(30), () -> !browser.findElements(By.id("diff")).isEmpty()
                && browser.findElement(By.id("diff")).getText().contains("noop.label")
                && browser.findElement(By.id("diff")).getText().contains("changed-by-hand"));
        click(By.linkText("‹ All resources"));
        waitFor("back on the overview", Duration.ofSeconds(30), () -> row("audit-source") != null);
        Map<String, String> back = new java.util.HashMap<>(live);
        back.remove("name");
        admin.putConfig(prefix + "audit-source", back);
        waitFor("the row Synced again", Duration.ofSeconds(30), () -> "Synced".equals(cell("audit-source", "sync")));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;"), "no reload");

        // The failing connector's page: Degraded, its task's trace, where it is declared.
        click(By.cssSelector("tr[data-resource='local/" + prefix + "payments-source'] a"));
        waitFor("the resource page with the task's trace", Duration.ofSeconds(30), () -> !browser.findElements(By.cssSelector("#tasks")).isEmpty()
                && browser.findElement(By.id("tasks")).getText().contains("Exception"));
        assertTrue(browser.findElement(By.id("declared-at")).getText().startsWith("Declared in connect/failing.yaml:3 at "),
                browser.findElement(By.id("declared-at")).getText());
        screenshot("dashboard-resource.png");

        // The secret: masked on the orders page, and nowhere in any page or data behind them.
        browser.get(base() + "/ui/#/resource/local/" + prefix + "orders-sink");
        waitFor("the orders page's configuration", Duration.ofSeconds(30), () -> !browser.findElements(By.id("config")).isEmpty()
                && browser.findElement(By.id("config")).getText().contains("db.password"));
        assertTrue(browser.findElement(By.id("config")).getText().contains("(sensitive)"));
        // Keys the cluster adds read as such, not as a "—" beside a value (which looks like a difference).
        String config = browser.findElement(By.id("config")).getText();
        assertTrue(config.contains("connectops.io/owner set by connectops") && config.contains("name metadata.name " + prefix + "orders-sink"), config);
        String everything = browser.getPageSource() + get("/status") + get("/api/resource?cluster=local&name=" + prefix + "orders-sink")
                + get("/ui/") + get("/ui/app.js");
        assertFalse(everything.contains(SECRET), "the secret value is in no page and no data behind them");

        // A rejected commit: its reason, with file and line, in the controller panel.
        browser.get(base() + "/ui/#/");
        repo.write("connect/audit.yaml", connector("audit-source", "noop.label: audit", "taskMax: 3")).commit("a typo");
        waitFor("the rejection shown", Duration.ofSeconds(30), () -> {
            List<WebElement> rejected = browser.findElements(By.cssSelector("dd[data-field='rejected']"));
            return !rejected.isEmpty() && rejected.get(0).getText().contains("audit.yaml:7") && rejected.get(0).getText().contains("taskMax");
        });
        assertFalse(browser.getPageSource().contains(SECRET));
    }

    /**
     * 10,000 resources (a synthetic status served by the dashboard's own handlers): the page shows the counts, pages
     * through them and filters to one. The times are printed for docs/performance.md, not asserted.
     */
    @Test
    void tenThousandResourcesStayUsable() throws Exception {
        List<ResourceStatus> resources = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            boolean bad = i % 1000 == 7;
            resources.add(new ResourceStatus(i % 2 == 0 ? "east" : "west", String.format("connector-%05d", i),
                    bad ? io.connectops.status.SyncState.OutOfSync : io.connectops.status.SyncState.Synced,
                    bad ? io.connectops.status.Health.Degraded : io.connectops.status.Health.Healthy, "a".repeat(40), null, 0,
                    bad ? "task 0 failed" : null, "RUNNING", List.of(new ResourceStatus.Task(0, "RUNNING", "10.0.0.1:8083", null))));
        }
        ControllerStatus status = new ControllerStatus("https://git.example.com/connect.git", "main", "connect", true, true, "a".repeat(40),
                "a".repeat(40), null, java.time.Instant.now(), null, List.of(), resources, List.of(),
                List.of(new ControllerStatus.RevisionInfo("a".repeat(40), "ten thousand", "bench", java.time.Instant.now())));
        String json = HttpEndpoints.JSON.writeValueAsString(status);
        Dashboard dashboard = new Dashboard(() -> status, (c, n) -> java.util.Optional.empty(), text -> text);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/ui/", dashboard::page);
        server.createContext("/api/", dashboard::api);
        server.createContext("/status", exchange -> HttpEndpoints.respond(exchange, 200, "application/json", json));
        server.start();
        try {
            start();
            long started = System.nanoTime();
            browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/ui/");
            waitFor("10,000 resources counted and the first page shown", Duration.ofSeconds(60), () -> browser.findElement(By.id("page"))
                    .getText().equals("1–100 of 10,000"));
            long loaded = System.nanoTime() - started;
            assertTrue(browser.findElement(By.cssSelector("#resources tbody tr")).getAttribute("data-resource").endsWith("connector-00007"),
                    "problems first");
            assertEquals(100, browser.findElements(By.cssSelector("#resources tbody tr")).size(), "one page rendered, not 10,000 rows");
            started = System.nanoTime();
            browser.findElement(By.id("next")).click();
            waitFor("the second page", Duration.ofSeconds(30), () -> browser.findElement(By.id("page")).getText().equals("101–200 of 10,000"));
            long paged = System.nanoTime() - started;
            started = System.nanoTime();
            browser.findElement(By.id("q")).sendKeys("connector-04242");
            waitFor("filtered to one", Duration.ofSeconds(30), () -> browser.findElement(By.id("page")).getText().equals("1 resource"));
            long filtered = System.nanoTime() - started;
            // In the page itself (no driver round trips): a page turn and a filter are handled synchronously.
            Object inPage = ((JavascriptExecutor) browser).executeScript("""
                    const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input'));
                    let t = performance.now(); document.getElementById('next').click(); const next = performance.now() - t;
                    t = performance.now(); q.value = 'connector-09999'; q.dispatchEvent(new Event('input')); const filter = performance.now() - t;
                    return Math.round(next) + ' ms to turn a page, ' + Math.round(filter) + ' ms to filter';""");
            System.out.printf("dashboard with 10,000 resources (%d KiB of /status): first page %d ms, next page %d ms, filter to one %d ms"
                    + " (seen through the driver); in the page: %s%n", json.length() / 1024, loaded / 1_000_000, paged / 1_000_000,
                    filtered / 1_000_000, inPage);
        } finally {
            server.stop(0);
        }
    }
}
