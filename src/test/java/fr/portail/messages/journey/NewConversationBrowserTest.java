package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import fr.portail.messages.support.Browser;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "+ Créer" in a real browser: a collaborator and a client each create one conversation of each type with formatted
 * text and Ctrl+Entrée, and other demo people see exactly what the access rules grant.
 */
class NewConversationBrowserTest extends DemoJourneyTest {

    /** Fills the form through its widgets, types formatted text with the toolbar and sends with Ctrl+Entrée. */
    private void create(Page page, String type, String company, String participant, String subject, String screenshot) {
        page.click("[data-testid=create-button]");
        page.waitForURL("**/conversations/nouvelle");
        page.click("[data-testid=type-card-" + type + "]");
        if (company != null) {
            page.click("#company-field .ts-control");
            page.keyboard().type(company);
            page.locator("#companyId-ts-dropdown .option", new Page.LocatorOptions().setHasText(company))
                    .first()
                    .click();
            page.click("#subject");
        } else {
            assertThat(page.locator("#company-field")).isHidden();
        }
        page.click("#participantIds-ts-control");
        page.keyboard().type(participant);
        page.locator("#participantIds-ts-dropdown .option", new Page.LocatorOptions().setHasText(participant))
                .first()
                .click();
        page.fill("#subject", subject);
        page.click(".ql-editor");
        page.click("button.ql-bold");
        page.keyboard().type("Important");
        page.keyboard().press("Control+b");
        page.keyboard().type(" : ");
        page.click("button.ql-italic");
        page.keyboard().type("à lire");
        page.keyboard().press("Control+i");
        page.keyboard().press("Enter");
        page.click("button.ql-list[value=bullet]");
        page.keyboard().type("premier point");
        if (screenshot != null) {
            Browser.screenshot(page, screenshot);
        }
        page.keyboard().press("Control+Enter");
        page.waitForURL(url -> url.matches(".*/conversations/[0-9a-f-]{36}$"));
        assertThat(page.locator("[data-testid=conversation-subject]")).hasText(subject);
        Locator body = page.locator("[data-testid=message-body]").first();
        assertThat(body.locator("strong")).hasText("Important");
        assertThat(body.locator("em")).hasText("à lire");
        assertThat(body.locator("ul li")).hasText("premier point");
    }

    private void assertListed(String email, String subject, boolean listed) {
        Page page = signedIn(email);
        Locator row = page.locator("[data-testid=inbox-subject]", new Page.LocatorOptions().setHasText(subject));
        if (listed) {
            assertThat(row).hasCount(1);
        } else {
            assertThat(row).hasCount(0);
        }
        page.context().close();
    }

    @Test
    void collaboratorCreatesOneConversationOfEachType() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Page bruno = signedIn("bruno.lefort@cabinet.example");
        create(bruno, "ENTREPRISE", "Pharmacie Moreau", "Jean Moreau", "Inventaire " + run, "wizard-entreprise");
        Browser.screenshot(bruno, "conversation-after-create");
        create(bruno, "CONFIDENTIEL", "Roux Architectes", "Emma Roux", "Honoraires " + run, "wizard-confidentiel");
        create(bruno, "PRIVE", null, "Alice Martin", "Remplacement " + run, "wizard-prive");

        assertListed("jean.moreau@pharmacie-moreau.example", "Inventaire " + run, true);
        assertListed("alice.martin@cabinet.example", "Inventaire " + run, false);
        assertListed("emma.roux@roux-architectes.example", "Honoraires " + run, true);
        assertListed("claire.dubois@cabinet.example", "Honoraires " + run, false);
        assertListed("alice.martin@cabinet.example", "Remplacement " + run, true);
        assertListed("claire.dubois@cabinet.example", "Remplacement " + run, false);
    }

    @Test
    void clientCreatesOneConversationOfEachType() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Page paul = signedIn("paul.dupont@dupont.example");
        create(paul, "ENTREPRISE", "Boulangerie Dupont", "Alice Martin", "Four en panne " + run, null);
        create(paul, "CONFIDENTIEL", "Boulangerie Dupont", "Alice Martin", "Prêt personnel " + run, null);
        create(paul, "PRIVE", null, "Marie Dupont", "Anniversaire " + run, null);

        // Marie starred the company and Paul, a client participant, starred it too.
        assertListed("marie.dupont@dupont.example", "Four en panne " + run, true);
        assertListed("luc.petit@dupont.example", "Four en panne " + run, false);
        assertListed("marie.dupont@dupont.example", "Prêt personnel " + run, false);
        assertListed("alice.martin@cabinet.example", "Prêt personnel " + run, true);
        assertListed("marie.dupont@dupont.example", "Anniversaire " + run, true);
        assertListed("alice.martin@cabinet.example", "Anniversaire " + run, false);
    }

    @Test
    void invalidFormShowsEachErrorNextToItsFieldAndKeepsWhatWasTyped() {
        Page claire = signedIn("claire.dubois@cabinet.example");
        claire.click("[data-testid=create-button]");
        claire.waitForURL("**/conversations/nouvelle");
        claire.fill("#subject", "Sans destinataire");
        claire.click(".ql-editor");
        claire.keyboard().type("Texte conservé");
        claire.click("[data-testid=wizard-send]");
        assertThat(claire.locator("#companyId-error")).hasText("Choisissez une entreprise.");
        assertThat(claire.locator("#participantIds-error")).hasText("Choisissez au moins un participant.");
        assertThat(claire.locator("#subject")).hasValue("Sans destinataire");
        assertThat(claire.locator(".ql-editor")).containsText("Texte conservé");
        Browser.screenshot(claire, "wizard-errors");
    }
}
