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
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(1280, 900)
                .setLocale("fr-FR"));
        context.setDefaultTimeout(15_000);
        return context.newPage();
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

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
