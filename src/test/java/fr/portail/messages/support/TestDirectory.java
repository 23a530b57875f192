package fr.portail.messages.support;

import fr.portail.messages.directory.DirectoryFile;
import fr.portail.messages.directory.DirectoryFile.CompanyEntry;
import fr.portail.messages.directory.DirectoryFile.PersonEntry;
import fr.portail.messages.directory.DirectoryImporter;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.ImportResult;
import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.Viewer;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Creates the people and companies a test needs, through the real import, with unique e-mails and external ids so
 * that tests sharing the one database never see each other's data. People get {@link #PASSWORD} by accepting their
 * invitation, exactly as a real person does.
 */
public class TestDirectory {

    /** The password of every person created here. */
    public static final String PASSWORD = "river stone window 42";

    private final DirectoryImporter importer;
    private final InvitationService invitations;
    private final DirectoryService directory;

    TestDirectory(DirectoryImporter importer, InvitationService invitations, DirectoryService directory) {
        this.importer = importer;
        this.invitations = invitations;
        this.directory = directory;
    }

    /** A name no other test uses: {@code prefix-xxxxxxxx}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A unique e-mail address in the {@code .test} domain. */
    public static String uniqueEmail(String prefix) {
        return unique(prefix) + "@example.test";
    }

    public TestCompany company() {
        String externalId = unique("CO");
        return company(externalId, "Entreprise " + externalId);
    }

    public TestCompany company(String externalId, String name) {
        ImportResult result = importer.importDirectory(
                new DirectoryFile(List.of(new CompanyEntry(externalId, name)), List.of()), null);
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
        return directory.activeViewer(user.id()).orElseThrow();
    }

    /** The secret part of an invitation URL. */
    public static String token(String invitationUrl) {
        return invitationUrl.substring(invitationUrl.lastIndexOf('/') + 1);
    }

    /** A company created for one test. */
    public record TestCompany(String externalId, String name, UUID id) {}

    /** A person created for one test, able to sign in with {@code password}. */
    public record TestUser(UUID id, String email, String name, String password) {}
}
