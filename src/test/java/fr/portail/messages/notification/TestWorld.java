package fr.portail.messages.notification;

import fr.portail.messages.directory.DirectoryFile;
import fr.portail.messages.directory.DirectoryFile.CompanyEntry;
import fr.portail.messages.directory.DirectoryFile.PersonEntry;
import fr.portail.messages.directory.DirectoryImporter;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.ImportResult;
import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.Viewer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A small firm of its own for each test, imported through the directory like an administrator would: one company
 * (Boulangerie Dupont), collaborators Alice (starred it), Bob and Diane (starred it), clients Paul (member, starred it)
 * and Claire (member), and an administrator. Addresses carry a unique suffix so tests sharing a database never meet.
 */
final class TestWorld {

    static final String PASSWORD = "correct horse battery staple 42";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final String suffix;
    final UUID companyId;
    final Viewer alice;
    final Viewer bob;
    final Viewer diane;
    final Viewer paul;
    final Viewer claire;
    final Viewer admin;
    private final Map<String, String> invitationTokens;

    private TestWorld(String suffix, ImportResult result, DirectoryService directory) {
        this.suffix = suffix;
        this.companyId = result.companies().get(0).id();
        Map<String, UUID> ids = result.users().stream()
                .collect(Collectors.toMap(ImportResult.PersonId::email, ImportResult.PersonId::id));
        this.alice = directory.activeViewer(ids.get(email("alice"))).orElseThrow();
        this.bob = directory.activeViewer(ids.get(email("bob"))).orElseThrow();
        this.diane = directory.activeViewer(ids.get(email("diane"))).orElseThrow();
        this.paul = directory.activeViewer(ids.get(email("paul"))).orElseThrow();
        this.claire = directory.activeViewer(ids.get(email("claire"))).orElseThrow();
        this.admin = directory.activeViewer(ids.get(email("admin"))).orElseThrow();
        this.invitationTokens = result.invitations().stream()
                .collect(Collectors.toMap(
                        ImportResult.InvitationLink::email,
                        link -> link.url().substring(link.url().lastIndexOf('/') + 1)));
    }

    static TestWorld create(DirectoryImporter importer, DirectoryService directory) {
        String suffix = Long.toString(System.nanoTime(), 36) + SEQUENCE.incrementAndGet();
        String company = "DUP-" + suffix;
        var file = new DirectoryFile(
                List.of(new CompanyEntry(company, "Boulangerie Dupont")),
                List.of(
                        new PersonEntry(
                                email("alice", suffix),
                                "Alice Martin",
                                "COLLABORATOR",
                                false,
                                List.of(),
                                List.of(company)),
                        new PersonEntry(
                                email("bob", suffix), "Bob Bernard", "COLLABORATOR", false, List.of(), List.of()),
                        new PersonEntry(
                                email("diane", suffix),
                                "Diane Petit",
                                "COLLABORATOR",
                                false,
                                List.of(),
                                List.of(company)),
                        new PersonEntry(
                                email("paul", suffix),
                                "Paul Dupont",
                                "CLIENT",
                                false,
                                List.of(company),
                                List.of(company)),
                        new PersonEntry(
                                email("claire", suffix), "Claire Dupont", "CLIENT", false, List.of(company), List.of()),
                        new PersonEntry(
                                email("admin", suffix),
                                "Admin Istrateur",
                                "COLLABORATOR",
                                true,
                                List.of(),
                                List.of())));
        return new TestWorld(suffix, importer.importDirectory(file, null), directory);
    }

    /** Sets the person's password through their invitation, as a newcomer would. */
    void setPassword(InvitationService invitations, Viewer person) {
        invitations.accept(invitationTokens.get(person.email()), PASSWORD, PASSWORD);
    }

    String email(String who) {
        return email(who, suffix);
    }

    private static String email(String who, String suffix) {
        return who + "-" + suffix + "@example.test";
    }
}
