package fr.portail.messages.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The system Chromium driven by Playwright, with no browser download: the one entry point of every browser test.
 * Register one per test class, {@code @RegisterExtension static final Browser browser = Browser.launch();} (starting
 * it costs more than a test); each {@link #newSession(String)} is a fresh profile (its own cookies), like a different
 * person's computer.
 *
 * <p>A test fails, after it ran, when any page showed a console error, threw an uncaught error, or received a 4xx or 5xx
 * answer that the test did not announce with {@link #expect(int, String)}: surprises are bugs, even when the
 * assertions of the test pass. The browser closes after the last test of the class.
 */
public final class Browser implements AfterEachCallback, AfterAllCallback, AutoCloseable {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    /** Chromium's console line for a failed sub-resource or navigation. */
    private static final Pattern FAILED_LOAD = Pattern.compile("status of (\\d{3})");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final List<String> surprises = Collections.synchronizedList(new ArrayList<>());
    private final List<Expected> expected = Collections.synchronizedList(new ArrayList<>());
    private boolean closed;

    private record Expected(int status, String urlPart) {

        boolean matches(int status, String url) {
            return this.status == status && url != null && url.contains(urlPart);
        }
    }

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    public static Browser launch() {
        Playwright playwright = Playwright.create();
        var chromium = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get(System.getProperty("messages.chromium", "/usr/bin/chromium")))
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
        return new Browser(playwright, chromium);
    }

    /**
     * A new page in a new profile speaking French, with {@code baseUrl} as the base of relative navigations; {@code
     * page.context().close()} ends it early, {@link #close()} ends them all.
     */
    public Page newSession(String baseUrl) {
        return newSession(baseUrl, "fr-FR");
    }

    /** The same in another browser language ({@code "en-GB"}). */
    public Page newSession(String baseUrl, String locale) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(1280, 900)
                .setLocale(locale));
        context.setDefaultTimeout(15_000);
        context.onResponse(this::checkStatus);
        context.onConsoleMessage(this::checkConsole);
        context.onPage(
                page -> page.onPageError(error -> surprises.add("uncaught error on " + page.url() + ": " + error)));
        return context.newPage();
    }

    /**
     * Announces that this test expects answers with this status from URLs containing {@code urlPart} (a forbidden
     * conversation's 404, a refused upload's 413…), and the console line Chromium prints for them. Valid until the end
     * of the test.
     */
    public Browser expect(int status, String urlPart) {
        expected.add(new Expected(status, urlPart));
        return this;
    }

    private void checkStatus(Response response) {
        if (response.status() >= 400 && !isExpected(response.status(), response.url())) {
            surprises.add("unannounced " + response.status() + " for "
                    + response.request().method() + " " + response.url());
        }
    }

    private void checkConsole(ConsoleMessage message) {
        if (!"error".equals(message.type())) {
            return;
        }
        Matcher failedLoad = FAILED_LOAD.matcher(message.text());
        String url = message.location();
        if (failedLoad.find() && isExpected(Integer.parseInt(failedLoad.group(1)), url)) {
            return;
        }
        surprises.add("console error on " + url + ": " + message.text());
    }

    private boolean isExpected(int status, String url) {
        synchronized (expected) {
            return expected.stream().anyMatch(e -> e.matches(status, url));
        }
    }

    /** Signs in through the login page. */
    public static void signIn(Page page, String email, String password) {
        page.navigate("/login");
        page.fill("#username", email);
        page.fill("#password", password);
        page.click("button[type=submit]");
        page.waitForURL(url -> !url.contains("/login"));
    }

    /** Saves a full-page screenshot as target/screenshots/{name}.png, for people to look at. */
    public static void screenshot(Page page, String name) {
        // Icon fonts load late: without this wait, icons may show as empty boxes in the picture.
        page.evaluate("() => document.fonts.ready.then(() => true)");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    /** Fails the test that just ran if a page met anything it did not announce; forgets its announcements. */
    @Override
    public void afterEach(ExtensionContext context) {
        List<String> met;
        synchronized (surprises) {
            met = List.copyOf(surprises);
            surprises.clear();
        }
        expected.clear();
        if (!met.isEmpty()) {
            throw new AssertionError("the browser met what the test did not announce:\n  " + String.join("\n  ", met));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Closes Chromium; closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            chromium.close();
            playwright.close();
        }
    }
}
