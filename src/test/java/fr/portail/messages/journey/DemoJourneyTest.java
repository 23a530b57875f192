package fr.portail.messages.journey;

import com.microsoft.playwright.Page;
import fr.portail.messages.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser journey on the demo firm: one Chromium per class, one fresh profile per person signed in. */
@DemoJourney
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoJourneyTest {

    /** The password of every demo account. */
    static final String PASSWORD = "Messages-Demo-2026";

    @LocalServerPort
    int port;

    /** One per class (this class is PER_CLASS): a static field would be one Chromium for every subclass. */
    @RegisterExtension
    final Browser browser = Browser.launch();

    @AfterAll
    void closeBrowser() {
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
