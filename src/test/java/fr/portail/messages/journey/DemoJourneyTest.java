package fr.portail.messages.journey;

import com.microsoft.playwright.Page;
import fr.portail.messages.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser journey on the demo firm: one Chromium per class, one fresh profile per person signed in. */
@DemoJourney
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoJourneyTest {

    /** The password of every demo account. */
    static final String PASSWORD = "Messages-Demo-2026";

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeAll
    void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    void close() {
        browser.close();
    }

    Page anonymous() {
        return browser.newSession("http://localhost:" + port);
    }

    Page signedIn(String email) {
        Page page = anonymous();
        Browser.signIn(page, email, PASSWORD);
        return page;
    }
}
