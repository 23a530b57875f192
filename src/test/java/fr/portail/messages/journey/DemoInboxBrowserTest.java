package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import fr.portail.messages.support.Browser;
import org.junit.jupiter.api.Test;

/** Three demo people sign in: each inbox shows exactly what SPEC §2 grants, and a forbidden URL is "not found". */
class DemoInboxBrowserTest extends DemoJourneyTest {

    @Test
    void collaboratorSeesTheConversationsOfHerFavouriteCompaniesAndHerOwn() {
        Page alice = signedIn("alice.martin@cabinet.example");
        var subjects = alice.locator("[data-testid=inbox-subject]");
        assertThat(subjects).containsText(new String[] {
            "Question TVA sur les réparations",
            "Rémunération du gérant",
            "Point interne : dossier Dupont",
            "Bilan 2025 : pièces à fournir"
        });
        Browser.screenshot(alice, "inbox-alice-collaborator");
    }

    @Test
    void clientSeesTheEnterpriseConversationOfAStarringParticipantButNotTheConfidentialOrInternalOnes() {
        Page marie = signedIn("marie.dupont@dupont.example");
        var subjects = marie.locator("[data-testid=inbox-subject]");
        // Other journeys on this application add conversations: check what must and must never show.
        for (String visible : new String[] {"Organisation des congés d'été", "Bilan 2025 : pièces à fournir"}) {
            assertThat(subjects.filter(new Locator.FilterOptions().setHasText(visible)))
                    .hasCount(1);
        }
        for (String hidden : new String[] {"Rémunération du gérant", "Point interne", "Votre déclaration"}) {
            assertThat(subjects.filter(new Locator.FilterOptions().setHasText(hidden)))
                    .hasCount(0);
        }
        Browser.screenshot(marie, "inbox-marie-client");
    }

    @Test
    void clientWithoutFavouriteNorParticipationSeesAnEmptyInboxAndForbiddenConversationsAreNotFound() {
        Page paul = signedIn("paul.dupont@dupont.example");
        paul.locator("[data-testid=inbox-row]", new Page.LocatorOptions().setHasText("Rémunération du gérant"))
                .click();
        String confidentialUrl = paul.url();
        assertThat(paul.locator("[data-testid=conversation-subject]")).hasText("Rémunération du gérant");

        Page luc = signedIn("luc.petit@dupont.example");
        assertThat(luc.locator("[data-testid=inbox-empty]")).isVisible();
        Browser.screenshot(luc, "inbox-luc-empty");
        browser.expect(404, confidentialUrl);
        var response = luc.navigate(confidentialUrl);
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
        assertThat(luc.locator("[data-testid=error-404]")).isVisible();
        Browser.screenshot(luc, "conversation-forbidden-404");
    }

    @Test
    void anonymousVisitorOfAConversationLinkSignsInAndLandsOnTheConversation() {
        Page paul = signedIn("paul.dupont@dupont.example");
        paul.locator("[data-testid=inbox-row]", new Page.LocatorOptions().setHasText("Bilan 2025"))
                .click();
        String url = paul.url();

        Page visitor = anonymous();
        visitor.navigate(url);
        assertThat(visitor).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        visitor.fill("#username", "marie.dupont@dupont.example");
        visitor.fill("#password", PASSWORD);
        visitor.click("button[type=submit]");
        assertThat(visitor).hasURL(url);
        assertThat(visitor.locator("[data-testid=conversation-subject]")).hasText("Bilan 2025 : pièces à fournir");
    }

    @Test
    void collaboratorFiltersHerInboxByCompanyAndMarksAConversationUnreadAgain() {
        Page alice = signedIn("alice.martin@cabinet.example");
        alice.click("#filter-company-ts-control");
        alice.keyboard().type("Garage");
        alice.locator("#filter-company-ts-dropdown .option", new Page.LocatorOptions().setHasText("Garage Lefèvre"))
                .click();
        alice.click(".inbox-filters button[type=submit]");
        assertThat(alice).hasURL(java.util.regex.Pattern.compile(".*[?&]company=.*"));
        assertThat(alice.locator(".inbox-filters .ts-control")).containsText("Garage Lefèvre");
        Locator subjects = alice.locator("[data-testid=inbox-subject]");
        assertThat(subjects.filter(new Locator.FilterOptions().setHasText("Question TVA sur les réparations")))
                .hasCount(1);
        assertThat(subjects.filter(new Locator.FilterOptions().setHasText("Bilan 2025")))
                .hasCount(0);
        Browser.screenshot(alice, "inbox-filtered-by-company");

        Locator row = alice.locator(
                "li[data-conversation]", new Page.LocatorOptions().setHasText("Question TVA sur les réparations"));
        row.locator("[data-testid=inbox-row]").click();
        assertThat(alice.locator("[data-testid=conversation-subject]")).hasText("Question TVA sur les réparations");
        alice.goBack();
        alice.reload();
        assertThat(row.locator("[data-testid=inbox-row]")).not().hasClass(java.util.regex.Pattern.compile("is-unread"));
        row.locator("button[form=mark-unread]").click();
        assertThat(alice).hasURL(java.util.regex.Pattern.compile(".*[?&]company=.*"));
        assertThat(row.locator("[data-testid=inbox-row]")).hasClass(java.util.regex.Pattern.compile("is-unread"));
    }
}
