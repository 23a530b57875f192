package fr.portail.messages.support;

import fr.portail.messages.directory.DirectoryFile;
import fr.portail.messages.directory.DirectoryFile.CompanyEntry;
import fr.portail.messages.directory.DirectoryFile.PersonEntry;
import fr.portail.messages.directory.DirectoryImporter;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.ImportResult;
import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.firm.SecondFactorSetting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates the people and companies a test needs, through the real import, with unique e-mails and external ids so
 * that tests sharing the one database never see each other's data. People get {@link #PASSWORD} by accepting their
 * invitation, exactly as a real person does.
 *
 * <p>One person or company at a time: {@link #collaborator()}, {@link #client(TestCompany...)}, {@link #company()}.
 * Several people who know each other (memberships, favourites): {@link #firm()}, a builder naming them by short keys.
 */
public class TestDirectory {

    /** The password of every person created here. */
    public static final String PASSWORD = "river stone window 42";

    private final DirectoryImporter importer;
    private final InvitationService invitations;
    private final DirectoryService directory;

    TestDirectory(
            DirectoryImporter importer,
            InvitationService invitations,
            DirectoryService directory,
            SecondFactorSetting secondFactor) {
        this.importer = importer;
        this.invitations = invitations;
        this.directory = directory;
        // A new firm asks collaborators for a second factor; tests about anything else sign in with a password alone.
        // The tests of two-step sign-in set the rule they need and put this one back (SecondFactorRules).
        if (!secondFactor.fixedByProperty()) {
            secondFactor.change(null, "none");
        }
    }

    /** A name no other test uses: {@code prefix-xxxxxxxx}. */
    public static String unique(String prefix) {
        return prefix + "-" + randomSuffix();
    }

    /** A unique e-mail address in the {@code .test} domain. */
    public static String uniqueEmail(String prefix) {
        return unique(prefix) + "@example.test";
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new, empty firm to describe with its builder methods, then {@link Firm#create()}. */
    public Firm firm() {
        return new Firm(this);
    }

    public TestCompany company() {
        String externalId = unique("CO");
        return company(externalId, "Entreprise " + externalId);
    }

    public TestCompany company(String externalId, String name) {
        ImportResult result = importFile(new DirectoryFile(List.of(new CompanyEntry(externalId, name)), List.of()));
        return new TestCompany(externalId, name, result.companies().get(0).id());
    }

    /** A client, member of these companies, with no favourite, signed up with {@link #PASSWORD}. */
    public TestUser client(TestCompany... companies) {
        List<String> ids = Arrays.stream(companies).map(TestCompany::externalId).toList();
        return person(new PersonEntry(uniqueEmail("client"), "Client " + unique("c"), "CLIENT", false, ids, List.of()));
    }

    public TestUser collaborator() {
        return person(new PersonEntry(
                uniqueEmail("collab"), "Collaborateur " + unique("c"), "COLLABORATOR", false, List.of(), List.of()));
    }

    public TestUser admin() {
        return person(new PersonEntry(
                uniqueEmail("admin"), "Admin " + unique("a"), "COLLABORATOR", true, List.of(), List.of()));
    }

    /** Imports one person and accepts their invitation. */
    public TestUser person(PersonEntry entry) {
        ImportResult result = importFile(new DirectoryFile(List.of(), List.of(entry)));
        acceptInvitations(result);
        ImportResult.PersonId id = result.users().get(0);
        return new TestUser(id.id(), id.email(), entry.name(), PASSWORD);
    }

    /** Imports as the system (no acting administrator). */
    public ImportResult importFile(DirectoryFile file) {
        return importer.importDirectory(file, null);
    }

    /** Sets {@link #PASSWORD} for every person invited by this import. */
    public void acceptInvitations(ImportResult result) {
        result.invitations().forEach(link -> invitations.accept(token(link.url()), PASSWORD, PASSWORD));
    }

    /** The viewer the application would resolve for this person now. */
    public Viewer viewer(TestUser user) {
        return viewer(user.id());
    }

    private Viewer viewer(UUID personId) {
        return directory.activeViewer(personId).orElseThrow();
    }

    /** The secret part of an invitation URL. */
    public static String token(String invitationUrl) {
        return invitationUrl.substring(invitationUrl.lastIndexOf('/') + 1);
    }

    /** A company created for one test. */
    public record TestCompany(String externalId, String name, UUID id) {}

    /** A person created for one test, able to sign in with {@code password}. */
    public record TestUser(UUID id, String email, String name, String password) {}

    /**
     * A small firm described by short keys ("alice", "dup") and imported in one go by {@link #create()}; every name,
     * e-mail and external id carries the firm's random {@link #suffix()} behind the scenes.
     */
    public static final class Firm {

        private final TestDirectory testDirectory;
        private final String suffix = randomSuffix();
        private final List<CompanyEntry> companies = new ArrayList<>();
        private final List<PersonEntry> people = new ArrayList<>();
        private final Map<String, UUID> companyIds = new HashMap<>();
        private final Map<String, UUID> personIds = new HashMap<>();

        private Firm(TestDirectory testDirectory) {
            this.testDirectory = testDirectory;
        }

        public Firm company(String key) {
            companies.add(new CompanyEntry(externalId(key), companyName(key)));
            return this;
        }

        public Firm collaborator(String key, String... favourites) {
            people.add(
                    new PersonEntry(email(key), name(key), "COLLABORATOR", false, List.of(), externalIds(favourites)));
            return this;
        }

        public Firm administrator(String key, String... favourites) {
            people.add(
                    new PersonEntry(email(key), name(key), "COLLABORATOR", true, List.of(), externalIds(favourites)));
            return this;
        }

        /** A client member of {@code memberOf}, starring {@code favourites}. */
        public Firm client(String key, List<String> memberOf, List<String> favourites) {
            people.add(clientEntry(key, memberOf, favourites));
            return this;
        }

        /** Imports everything and sets every password to {@link TestDirectory#PASSWORD}. */
        public Firm create() {
            ImportResult result = testDirectory.importFile(new DirectoryFile(companies, people));
            result.companies().forEach(c -> companyIds.put(c.externalId(), c.id()));
            result.users().forEach(u -> personIds.put(u.email(), u.id()));
            testDirectory.acceptInvitations(result);
            return this;
        }

        /** Re-imports one client with new memberships and favourites (as an administrator's import would). */
        public void changeClient(String key, List<String> memberOf, List<String> favourites) {
            testDirectory.importFile(new DirectoryFile(List.of(), List.of(clientEntry(key, memberOf, favourites))));
        }

        public Viewer viewer(String key) {
            return testDirectory.viewer(id(key));
        }

        public UUID id(String key) {
            return personIds.get(email(key));
        }

        public UUID companyId(String key) {
            return companyIds.get(externalId(key));
        }

        /** The random part of every name, e-mail and external id of this firm (to search for its people only). */
        public String suffix() {
            return suffix;
        }

        public String email(String key) {
            return key + "." + suffix + "@test.example";
        }

        public String name(String key) {
            return Character.toUpperCase(key.charAt(0)) + key.substring(1) + " " + suffix;
        }

        /** The display name of the company {@code key}, as it appears in pages and e-mails. */
        public String companyName(String key) {
            return key + " " + suffix;
        }

        public String externalId(String key) {
            return key + "-" + suffix;
        }

        private PersonEntry clientEntry(String key, List<String> memberOf, List<String> favourites) {
            return new PersonEntry(
                    email(key),
                    name(key),
                    "CLIENT",
                    false,
                    externalIds(memberOf.toArray(String[]::new)),
                    externalIds(favourites.toArray(String[]::new)));
        }

        private List<String> externalIds(String... keys) {
            return Arrays.stream(keys).map(this::externalId).toList();
        }
    }
}
