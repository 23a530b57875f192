package fr.portail.messages.support;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * axe-core (vendored under src/test/resources, never downloaded) run on every page a browser test loads, once per page
 * shape, language, width and colour mode: every result is appended to {@code target/axe/results.jsonl}, and serious or critical
 * violations are kept for {@link Browser} to report after each test. The script is evaluated through the DevTools protocol,
 * which the page's Content-Security-Policy does not apply to, so the application's policy stays in force.
 */
final class Accessibility {

    private static final String AXE = load("/axe-core-4.14.1/axe.min.js");
    private static final Path RESULTS = Paths.get("target", "axe", "results.jsonl");
    private static final String RUN = """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify({
                url: location.pathname + location.search,
                lang: document.documentElement.lang,
                width: window.innerWidth,
                theme: document.documentElement.getAttribute('data-bs-theme'),
                violations: result.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')
                    + (n.any.length && n.any[0].data && n.any[0].data.contrastRatio
                        ? ' ' + n.any[0].data.fgColor + ' on ' + n.any[0].data.bgColor + ' ' + n.any[0].data.contrastRatio
                        : ''))
                }))
              });
            }""";

    private final Set<String> checked = Collections.synchronizedSet(new HashSet<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    /** Checks the page each time it finishes loading. */
    void watch(Page page) {
        page.onLoad(this::check);
    }

    /** Runs axe on the page as it is now (also useful after an htmx swap), unless this shape was checked already. */
    void check(Page page) {
        String key = page.url()
                        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}")
                        .replaceAll("\\?.*", "")
                + " " + page.viewportSize().width;
        try {
            String langAndTheme = (String)
                    page.evaluate(
                            "() => document.documentElement.lang + ' ' + document.documentElement.getAttribute('data-bs-theme')");
            if (!checked.add(key + " " + langAndTheme)) {
                return;
            }
            page.evaluate(AXE);
            String result = (String) page.evaluate(RUN);
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(
                    RESULTS,
                    result + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            if (result.contains("\"impact\":\"serious\"") || result.contains("\"impact\":\"critical\"")) {
                problems.add(result);
            }
        } catch (PlaywrightException navigatedAway) {
            checked.remove(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serious and critical violations found since the last call, one JSON line per page. */
    List<String> drainProblems() {
        synchronized (problems) {
            List<String> found = List.copyOf(problems);
            problems.clear();
            return found;
        }
    }

    private static String load(String resource) {
        try (InputStream in = Accessibility.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
