package fr.portail.messages.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The system Chromium driven by Playwright, with no browser download: the one entry point of every browser test. One
 * per test class (starting it costs more than a test); each {@link #newSession(String)} is a fresh profile (its own
 * cookies), like a different person's computer.
 */
public final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final Accessibility accessibility = new Accessibility();

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
     * A new page in a new profile, with {@code baseUrl} as the base of relative navigations; {@code
     * page.context().close()} ends it early, {@link #close()} ends them all.
     */
    public Page newSession(String baseUrl) {
        return newSession(baseUrl, 1280, 900);
    }

    /** As {@link #newSession(String)}, in a window of this size (390 × 844 is a phone). */
    public Page newSession(String baseUrl, int width, int height) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(width, height)
                .setLocale("fr-FR"));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        accessibility.watch(page);
        return page;
    }

    /** Runs axe on the page as it is now (after an htmx swap, say); page loads are checked by themselves. */
    public void checkAccessibility(Page page) {
        accessibility.check(page);
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

    /**
     * Ends the browser, then fails if axe found serious or critical violations on any page these sessions loaded
     * (details in target/axe/results.jsonl).
     */
    @Override
    public void close() {
        chromium.close();
        playwright.close();
        List<String> problems = accessibility.problems();
        if (!problems.isEmpty()) {
            throw new AssertionError("axe-core found serious or critical violations:\n" + String.join("\n", problems));
        }
    }
}
