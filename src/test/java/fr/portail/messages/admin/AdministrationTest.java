package fr.portail.messages.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.directory.CompanyAdministration;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.MembershipAdministration;
import fr.portail.messages.directory.PeopleFilter;
import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.directory.Profile;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every administration action end to end over real HTTP, as an administrator and as people who are not. */
@AdminIntegrationTest
class AdministrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    InvitationService invitations;

    @Autowired
    DirectoryService directory;

    @Autowired
    CompanyAdministration administration;

    @Autowired
    PersonAdministration people;

    @Autowired
    MembershipAdministration memberships;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    ConversationAccess access;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    JdbcClient jdbc;

    Firm firm;
    WebSession boss;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .company("gar")
                .administrator("boss")
                .collaborator("alice", "dup")
                .collaborator("bob")
                .collaborator("carol")
                .client("paul", List.of("dup"), List.of("dup"))
                .client("marie", List.of("dup", "gar"), List.of())
                .create();
        boss = as("boss");
    }

    private WebSession as(String key) {
        return WebSession.signedIn(port, firm.email(key), TestDirectory.PASSWORD);
    }

    private static Map<String, List<String>> form(String... namesAndValues) {
        var fields = new java.util.LinkedHashMap<String, List<String>>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>())
                    .add(namesAndValues[i + 1]);
        }
        return fields;
    }

    /** The audit entries the administrator caused, oldest first, as "ACTION target details". */
    private List<String> auditBy(String key) {
        return jdbc.sql("select action, target, details from audit_entry where actor_id = ? order by id")
                .param(firm.id(key))
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2)
                        + (rs.getString(3) == null ? "" : " " + rs.getString(3)))
                .list();
    }

    private Profile profile(String key) {
        return directory.profile(firm.viewer(key));
    }

    private static List<String> externalIds(List<Profile.CompanyRef> companies) {
        return companies.stream().map(Profile.CompanyRef::externalId).toList();
    }

    // ------------------------------------------------------------------ who may administer

    @Test
    void nonAdministratorGetsForbiddenOnEveryAdministrationPageActionAndApiCall() {
        WebSession alice = as("alice");
        UUID company = firm.companyId("dup");
        UUID paul = firm.id("paul");
        for (String path : List.of(
                "/admin",
                "/admin/entreprises",
                "/admin/entreprises/" + company,
                "/admin/entreprises/choix?q=d",
                "/admin/utilisateurs",
                "/admin/utilisateurs/inviter",
                "/admin/utilisateurs/" + paul,
                "/admin/utilisateurs/choix?q=p",
                "/admin/import",
                "/admin/audit",
                "/admin/audit.csv",
                "/admin/emails")) {
            assertThat(alice.get(path).status()).as("GET " + path).isEqualTo(403);
        }
        for (String path : List.of(
                "/admin/entreprises",
                "/admin/entreprises/" + company + "/nom",
                "/admin/entreprises/" + company + "/membres",
                "/admin/entreprises/" + company + "/membres/" + paul + "/retirer",
                "/admin/entreprises/" + company + "/favoris",
                "/admin/entreprises/" + company + "/favoris/" + paul + "/retirer",
                "/admin/utilisateurs",
                "/admin/utilisateurs/" + paul + "/invitation",
                "/admin/utilisateurs/" + paul + "/invitation/revoquer",
                "/admin/utilisateurs/" + paul + "/desactiver",
                "/admin/utilisateurs/" + paul + "/reactiver",
                "/admin/utilisateurs/" + firm.id("alice") + "/administrateur",
                "/admin/utilisateurs/" + paul + "/entreprises",
                "/admin/utilisateurs/" + paul + "/entreprises/" + company + "/retirer",
                "/admin/utilisateurs/" + paul + "/favoris",
                "/admin/utilisateurs/" + paul + "/favoris/" + company + "/retirer",
                "/admin/import",
                "/admin/import/appliquer")) {
            var answer = alice.post(
                    path,
                    form(
                            "externalId", "X-" + UUID.randomUUID(),
                            "name", "Hacked",
                            "admin", "true",
                            "personIds", firm.id("alice").toString(),
                            "email", "evil@test.example",
                            "kind", "COLLABORATOR"));
            assertThat(answer.status()).as("POST " + path).isEqualTo(403);
        }
        assertThat(alice.api("PUT", "/api/v1/admin/directory", "{\"companies\": []}")
                        .status())
                .isEqualTo(403);
        assertThat(alice.api("POST", "/api/v1/admin/users/" + paul + "/deactivate", null)
                        .status())
                .isEqualTo(403);
        assertThat(as("paul").get("/admin/utilisateurs").status()).isEqualTo(403);
        assertThat(profile("alice").admin()).isFalse();
        assertThat(profile("paul").companies()).hasSize(1);
        assertThat(auditBy("alice"))
                .allMatch(entry -> entry.startsWith("SIGNED_IN") || entry.startsWith("INVITATION_ACCEPTED"));
    }

    @Test
    void servicesRefuseNonAdministratorsThemselves() {
        var alice = firm.viewer("alice");
        assertThatThrownBy(() -> administration.createCompany(alice, "X-" + UUID.randomUUID(), "X"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> people.changeAdministrator(alice, alice.id(), true))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> people.people(alice, PeopleFilter.ALL, "", 0)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> memberships.removeMembership(alice, firm.id("paul"), firm.companyId("dup")))
                .isInstanceOf(NotFoundException.class);
        assertThat(profile("paul").companies()).hasSize(1);
    }

    @Test
    void anonymousVisitorIsSentToTheLoginPage() {
        var anonymous = new WebSession(port);
        var page = anonymous.get("/admin/utilisateurs");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
    }

    // ------------------------------------------------------------------ companies

    @Test
    void administratorCreatesACompanyAndADuplicateExternalIdIsRefusedNextToTheField() {
        String externalId = "NEW-" + UUID.randomUUID().toString().substring(0, 8);
        var created = boss.post("/admin/entreprises", form("externalId", " " + externalId + " ", "name", "Boucherie"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.location()).contains("/admin/entreprises/");
        var page = boss.follow(created);
        assertThat(page.text()).contains("Boucherie").contains(externalId).contains("Entreprise « Boucherie » créée.");
        assertThat(auditBy("boss")).contains("COMPANY_CREATED " + externalId + " name: Boucherie");

        var duplicate = boss.post("/admin/entreprises", form("externalId", externalId, "name", "Autre"));
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.text())
                .contains("id=\"externalId-error\"")
                .contains("L'identifiant « " + externalId + " » est déjà utilisé par une autre entreprise.");
        var blank = boss.post("/admin/entreprises", form("externalId", "", "name", " "));
        assertThat(blank.text()).contains("id=\"externalId-error\"").contains("id=\"name-error\"");
        assertThat(administration.companies(firm.viewer("boss"), externalId, 0).total())
                .isEqualTo(1);
    }

    @Test
    void administratorRenamesACompany() {
        UUID dup = firm.companyId("dup");
        var renamed = boss.post("/admin/entreprises/" + dup + "/nom", form("name", "Boulangerie Dupont & Fils"));
        assertThat(renamed.location()).endsWith("/admin/entreprises/" + dup);
        assertThat(boss.follow(renamed).text()).contains("Boulangerie Dupont & Fils");
        assertThat(directory.company(dup).orElseThrow().name()).isEqualTo("Boulangerie Dupont & Fils");
        assertThat(auditBy("boss")).anyMatch(e -> e.startsWith("COMPANY_RENAMED " + firm.externalId("dup")));

        var blank = boss.follow(boss.post("/admin/entreprises/" + dup + "/nom", form("name", "  ")));
        assertThat(blank.text()).contains("id=\"name-error\"").contains("Ce champ est obligatoire.");
    }

    @Test
    void companyListSearchesAndPages() {
        String prefix = "PAGE" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 27; i++) {
            administration.createCompany(firm.viewer("boss"), prefix + "-" + i, prefix + " company " + i);
        }
        var first = boss.get("/admin/entreprises?q=" + prefix.toLowerCase());
        assertThat(first.body().split("data-company=\"" + prefix, -1)).hasSize(26);
        assertThat(first.text()).contains("Page 1 sur 2 (27 au total)");
        var second = boss.get("/admin/entreprises?q=" + prefix + "&page=1");
        assertThat(second.body().split("data-company=\"" + prefix, -1)).hasSize(3);
    }

    @Test
    void companyPageShowsItsClientsAndTheCollaboratorsWhoStarredIt() {
        var page = boss.get("/admin/entreprises/" + firm.companyId("dup"));
        assertThat(page.status()).isEqualTo(200);
        String members = page.body().substring(page.body().indexOf("data-testid=\"member-list\""));
        String members0 = members.substring(0, members.indexOf("</ul>"));
        assertThat(members0).contains(firm.email("paul")).contains(firm.email("marie"));
        assertThat(members0).doesNotContain(firm.email("alice"));
        String starred = page.body().substring(page.body().indexOf("data-testid=\"favourite-list\""));
        String starred0 = starred.substring(0, starred.indexOf("</ul>"));
        assertThat(starred0).contains(firm.email("alice")).doesNotContain(firm.email("bob"));
    }

    // ------------------------------------------------------------------ memberships and favourites

    @Test
    void removingAMembershipRemovesTheFavouriteAndTheAccessAtOnce() {
        UUID dup = firm.companyId("dup");
        UUID conversation = conversations.create(
                firm.viewer("paul"),
                new NewConversation(ConversationType.ENTREPRISE, dup, List.of(firm.id("alice")), "Bilan", "<p>x</p>"));
        assertThat(access.isAccessible(firm.id("paul"), conversation)).isTrue();
        WebSession paul = as("paul");
        assertThat(paul.get("/conversations/" + conversation).status()).isEqualTo(200);

        var removed = boss.post("/admin/entreprises/" + dup + "/membres/" + firm.id("paul") + "/retirer");
        assertThat(removed.status()).isEqualTo(302);

        assertThat(access.isAccessible(firm.id("paul"), conversation)).isFalse();
        assertThat(paul.get("/conversations/" + conversation).status()).isEqualTo(404);
        assertThat(profile("paul").companies()).isEmpty();
        assertThat(profile("paul").favourites()).isEmpty();
        assertThat(auditBy("boss"))
                .contains(
                        "MEMBERSHIP_REMOVED " + firm.externalId("dup") + " person: " + firm.email("paul"),
                        "FAVOURITE_REMOVED " + firm.externalId("dup") + " person: " + firm.email("paul"));
    }

    @Test
    void administratorAddsClientsToACompanyButNotCollaborators() {
        UUID gar = firm.companyId("gar");
        var added = boss.post(
                "/admin/entreprises/" + gar + "/membres",
                form("personIds", firm.id("paul").toString()));
        assertThat(added.status()).isEqualTo(302);
        assertThat(externalIds(profile("paul").companies()))
                .containsExactlyInAnyOrder(firm.externalId("dup"), firm.externalId("gar"));
        assertThat(auditBy("boss"))
                .contains("MEMBERSHIP_ADDED " + firm.externalId("gar") + " person: " + firm.email("paul"));

        var refused = boss.follow(boss.post(
                "/admin/entreprises/" + gar + "/membres",
                form("personIds", firm.id("bob").toString())));
        assertThat(refused.text()).contains("n'est pas un client").contains("id=\"members.personIds-error\"");
        assertThat(profile("bob").companies()).isEmpty();
    }

    @Test
    void administratorAssignsACompanyToSeveralCollaboratorsAtOnceAndRemovesOne() {
        UUID gar = firm.companyId("gar");
        var assigned = boss.post(
                "/admin/entreprises/" + gar + "/favoris",
                form(
                        "personIds",
                        firm.id("bob").toString(),
                        "personIds",
                        firm.id("carol").toString()));
        assertThat(assigned.status()).isEqualTo(302);
        assertThat(externalIds(profile("bob").favourites())).containsExactly(firm.externalId("gar"));
        assertThat(externalIds(profile("carol").favourites())).containsExactly(firm.externalId("gar"));
        assertThat(auditBy("boss"))
                .contains(
                        "FAVOURITE_ASSIGNED " + firm.externalId("gar") + " person: " + firm.email("bob"),
                        "FAVOURITE_ASSIGNED " + firm.externalId("gar") + " person: " + firm.email("carol"));

        boss.post("/admin/entreprises/" + gar + "/favoris/" + firm.id("bob") + "/retirer");
        assertThat(profile("bob").favourites()).isEmpty();
        assertThat(auditBy("boss"))
                .contains("FAVOURITE_REMOVED " + firm.externalId("gar") + " person: " + firm.email("bob"));
    }

    @Test
    void bulkAssignmentIncludingAClientOfAnotherCompanyChangesNothing() {
        UUID gar = firm.companyId("gar");
        var refused = boss.follow(boss.post(
                "/admin/entreprises/" + gar + "/favoris",
                form(
                        "personIds",
                        firm.id("bob").toString(),
                        "personIds",
                        firm.id("paul").toString())));
        assertThat(refused.text()).contains("n'est pas membre de cette entreprise");
        assertThat(profile("bob").favourites()).isEmpty();
        assertThat(profile("paul").favourites()).hasSize(1);
    }

    @Test
    void userPageEditsMembershipsAndFavourites() {
        UUID marie = firm.id("marie");
        String page = boss.get("/admin/utilisateurs/" + marie).body();
        assertThat(page).contains("data-testid=\"membership-list\"").contains(firm.externalId("gar"));

        boss.post(
                "/admin/utilisateurs/" + marie + "/favoris",
                form("companyIds", firm.companyId("gar").toString()));
        assertThat(externalIds(profile("marie").favourites())).containsExactly(firm.externalId("gar"));
        boss.post("/admin/utilisateurs/" + marie + "/entreprises/" + firm.companyId("gar") + "/retirer");
        assertThat(externalIds(profile("marie").companies())).containsExactly(firm.externalId("dup"));
        assertThat(profile("marie").favourites()).isEmpty();
        boss.post(
                "/admin/utilisateurs/" + marie + "/entreprises",
                form("companyIds", firm.companyId("gar").toString()));
        assertThat(externalIds(profile("marie").companies()))
                .containsExactlyInAnyOrder(firm.externalId("dup"), firm.externalId("gar"));

        var notMember = boss.follow(boss.post(
                "/admin/utilisateurs/" + firm.id("paul") + "/favoris",
                form("companyIds", firm.companyId("gar").toString())));
        assertThat(notMember.text()).contains("id=\"favouriteIds-error\"");
        assertThat(externalIds(profile("paul").favourites())).containsExactly(firm.externalId("dup"));

        boss.post("/admin/utilisateurs/" + firm.id("alice") + "/favoris/" + firm.companyId("dup") + "/retirer");
        assertThat(profile("alice").favourites()).isEmpty();
        assertThat(auditBy("boss"))
                .contains(
                        "FAVOURITE_ASSIGNED " + firm.externalId("gar") + " person: " + firm.email("marie"),
                        "MEMBERSHIP_REMOVED " + firm.externalId("gar") + " person: " + firm.email("marie"),
                        "FAVOURITE_REMOVED " + firm.externalId("gar") + " person: " + firm.email("marie"),
                        "MEMBERSHIP_ADDED " + firm.externalId("gar") + " person: " + firm.email("marie"),
                        "FAVOURITE_REMOVED " + firm.externalId("dup") + " person: " + firm.email("alice"));
    }

    // ------------------------------------------------------------------ people

    @Test
    void usersListFiltersByKindRoleAndDeactivationAndSearches() {
        String suffixQuery = firm.email("x").substring(2, 10);
        String clients =
                boss.get("/admin/utilisateurs?filter=CLIENTS&q=" + suffixQuery).body();
        assertThat(clients)
                .contains(firm.email("paul"))
                .contains(firm.email("marie"))
                .doesNotContain(firm.email("alice"));
        String collaborators = boss.get("/admin/utilisateurs?filter=COLLABORATORS&q=" + suffixQuery)
                .body();
        assertThat(collaborators).contains(firm.email("alice")).doesNotContain(firm.email("paul"));
        String admins = boss.get("/admin/utilisateurs?filter=ADMINISTRATORS&q=" + suffixQuery)
                .body();
        assertThat(admins).contains(firm.email("boss")).doesNotContain(firm.email("alice"));
        boss.post("/admin/utilisateurs/" + firm.id("carol") + "/desactiver");
        String deactivated = boss.get("/admin/utilisateurs?filter=DEACTIVATED&q=" + suffixQuery)
                .body();
        assertThat(deactivated).contains(firm.email("carol")).doesNotContain(firm.email("alice"));
        String search = boss.get("/admin/utilisateurs?q=" + firm.email("marie").substring(0, 14))
                .body();
        assertThat(search).contains(firm.email("marie")).doesNotContain(firm.email("paul"));
    }

    @Test
    void administratorInvitesAClientWhoGetsTheLinkByEmailAndItIsShownToCopy() {
        String email = "new." + UUID.randomUUID().toString().substring(0, 8) + "@client.example";
        var invited = boss.post(
                "/admin/utilisateurs",
                form(
                        "email",
                        email,
                        "name",
                        "Nouveau Client",
                        "kind",
                        "CLIENT",
                        "companyIds",
                        firm.companyId("dup").toString(),
                        // Not fields of the form: must be ignored, never bound.
                        "admin",
                        "true",
                        "id",
                        UUID.randomUUID().toString()));
        assertThat(invited.status()).isEqualTo(302);
        String personPath = invited.location().substring(invited.location().indexOf("/admin/utilisateurs/"));
        var page = boss.follow(invited);
        Matcher link =
                Pattern.compile("value=\"(http[^\"]+/invitations/([^\"]+))\"").matcher(page.body());
        assertThat(link.find()).as("invitation link shown").isTrue();
        String url = link.group(1);
        assertThat(mail.receivedEmails()).anySatisfy(caught -> {
            assertThat(caught.to()).contains(email);
            assertThat(caught.rawBody().replace("=\r\n", "")).contains(link.group(2));
        });
        assertThat(boss.get(personPath).body()).as("shown once").doesNotContain(url);

        UUID id = UUID.fromString(personPath.substring(personPath.lastIndexOf('/') + 1));
        var person = people.person(firm.viewer("boss"), id);
        assertThat(person.person().admin()).isFalse();
        assertThat(person.person().kind().name()).isEqualTo("CLIENT");
        assertThat(person.companies()).extracting(c -> c.externalId()).containsExactly(firm.externalId("dup"));
        assertThat(auditBy("boss"))
                .contains(
                        "PERSON_INVITED " + email + " kind: CLIENT, companies: " + firm.externalId("dup"),
                        "INVITATION_ISSUED " + email);
        invitations.accept(link.group(2), TestDirectory.PASSWORD, TestDirectory.PASSWORD);
        assertThat(WebSession.signedIn(port, email, TestDirectory.PASSWORD)
                        .get("/")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void invitationFormShowsEachErrorNextToItsField() {
        var refused =
                boss.post("/admin/utilisateurs", form("email", firm.email("paul"), "name", "", "kind", "COLLABORATOR"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.text())
                .contains("id=\"email-error\"")
                .contains("Une personne utilise déjà l'adresse " + firm.email("paul"))
                .contains("id=\"name-error\"");
        var badEmail = boss.post("/admin/utilisateurs", form("email", "not-an-email", "name", "X", "kind", "CLIENT"));
        assertThat(badEmail.text()).contains("Cette adresse e-mail n'est pas valide.");
        var badKind = boss.post("/admin/utilisateurs", form("email", "k@test.example", "name", "X", "kind", "ADMIN"));
        assertThat(badKind.text()).contains("Choisissez collaborateur ou client.");
        var collaboratorWithCompany = boss.post(
                "/admin/utilisateurs",
                form(
                        "email",
                        "c" + UUID.randomUUID() + "@test.example",
                        "name",
                        "X",
                        "kind",
                        "COLLABORATOR",
                        "companyIds",
                        firm.companyId("dup").toString()));
        assertThat(collaboratorWithCompany.text()).contains("Seul un client peut être membre");
        var english = WebSession.signedIn(port, firm.email("boss"), TestDirectory.PASSWORD);
        english.post("/langue", form("lang", "en", "back", "/"));
        assertThat(english.post("/admin/utilisateurs", form("email", "bad", "name", "X", "kind", "CLIENT"))
                        .text())
                .contains("This e-mail address is not valid.");
    }

    @Test
    void resendingAnInvitationRevokesTheOldLinkAndRevokingEndsIt() {
        String email = "inv." + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        var first = people.invite(
                firm.viewer("boss"),
                new fr.portail.messages.directory.NewPerson(
                        email, "Invité", fr.portail.messages.directory.PersonKind.COLLABORATOR, List.of()));
        String firstToken = first.url().substring(first.url().lastIndexOf('/') + 1);
        assertThat(invitations.find(firstToken)).isPresent();

        var resent = boss.follow(boss.post("/admin/utilisateurs/" + first.personId() + "/invitation"));
        Matcher link =
                Pattern.compile("value=\"http[^\"]+/invitations/([^\"]+)\"").matcher(resent.body());
        assertThat(link.find()).isTrue();
        String secondToken = link.group(1);
        assertThat(invitations.find(firstToken)).isEmpty();
        assertThat(invitations.find(secondToken)).isPresent();

        var revoked = boss.follow(boss.post("/admin/utilisateurs/" + first.personId() + "/invitation/revoquer"));
        assertThat(revoked.text()).contains("Invitation révoquée");
        assertThat(invitations.find(secondToken)).isEmpty();
        var nothingToRevoke =
                boss.follow(boss.post("/admin/utilisateurs/" + first.personId() + "/invitation/revoquer"));
        assertThat(nothingToRevoke.text()).contains("Aucune invitation en attente");
        assertThat(auditBy("boss")).contains("INVITATION_ISSUED " + email, "INVITATION_REVOKED " + email);
    }

    @Test
    void deactivatingEndsTheSessionsAtOnceAndReactivatingLetsThePersonBackIn() {
        WebSession alice = as("alice");
        assertThat(alice.get("/").status()).isEqualTo(200);
        var deactivated = boss.post("/admin/utilisateurs/" + firm.id("alice") + "/desactiver");
        assertThat(deactivated.status()).isEqualTo(302);
        var next = alice.get("/");
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location()).endsWith("/login");
        assertThat(boss.get("/admin/utilisateurs/" + firm.id("alice")).text()).contains("Désactivé");

        boss.post("/admin/utilisateurs/" + firm.id("alice") + "/reactiver");
        assertThat(as("alice").get("/").status()).isEqualTo(200);
        assertThat(auditBy("boss"))
                .contains("PERSON_DEACTIVATED " + firm.email("alice"), "PERSON_ACTIVATED " + firm.email("alice"));
    }

    @Test
    void administratorGrantsAndRemovesTheAdministratorRoleButNeverToAClient() {
        UUID alice = firm.id("alice");
        boss.post("/admin/utilisateurs/" + alice + "/administrateur", form("admin", "true"));
        assertThat(profile("alice").admin()).isTrue();
        assertThat(as("alice").get("/admin/utilisateurs").status()).isEqualTo(200);
        boss.post("/admin/utilisateurs/" + alice + "/administrateur", form("admin", "false"));
        assertThat(profile("alice").admin()).isFalse();
        assertThat(auditBy("boss"))
                .contains("ADMIN_GRANTED " + firm.email("alice"), "ADMIN_REVOKED " + firm.email("alice"));

        var client = boss.follow(
                boss.post("/admin/utilisateurs/" + firm.id("paul") + "/administrateur", form("admin", "true")));
        assertThat(client.text()).contains("Seul un collaborateur peut être administrateur.");
        assertThat(profile("paul").admin()).isFalse();
    }

    @Test
    void theLastActiveAdministratorCanBeNeitherRemovedNorDeactivated() {
        // This class's database holds only its own firms: leave "boss" as the only active administrator.
        jdbc.sql("update person set active = false where admin and active and id <> ?")
                .param(firm.id("boss"))
                .update();
        UUID boss = firm.id("boss");

        var removal = this.boss.follow(
                this.boss.post("/admin/utilisateurs/" + boss + "/administrateur", form("admin", "false")));
        assertThat(removal.text()).contains("Impossible : c'est le dernier administrateur actif.");
        var deactivation = this.boss.follow(this.boss.post("/admin/utilisateurs/" + boss + "/desactiver"));
        assertThat(deactivation.text()).contains("Impossible : c'est le dernier administrateur actif.");
        var api = this.boss.api("POST", "/api/v1/admin/users/" + boss + "/deactivate", null);
        assertThat(api.status()).isEqualTo(400);
        assertThat(profile("boss").admin()).isTrue();
        assertThat(directory.activeViewer(boss)).isPresent();

        // With a second administrator, the first may step down.
        this.boss.post("/admin/utilisateurs/" + firm.id("alice") + "/administrateur", form("admin", "true"));
        var stepDown = this.boss.post("/admin/utilisateurs/" + boss + "/administrateur", form("admin", "false"));
        assertThat(stepDown.location()).endsWith("/");
        assertThat(profile("boss").admin()).isFalse();
        assertThat(this.boss.get("/admin").status()).isEqualTo(403);
    }
}
