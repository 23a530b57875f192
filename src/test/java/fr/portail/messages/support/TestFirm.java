package fr.portail.messages.support;

import fr.portail.messages.directory.DirectoryFile;
import fr.portail.messages.directory.DirectoryImporter;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.ImportResult;
import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.Viewer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a small firm with unique e-mails and external ids through the real importer, so that tests sharing one
 * database never see each other's people. Names are short keys ("alice", "DUP") suffixed behind the scenes.
 */
public final class TestFirm {

    public static final String PASSWORD = "Test-Password-2026";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<DirectoryFile.CompanyEntry> companies = new ArrayList<>();
    private final List<DirectoryFile.PersonEntry> people = new ArrayList<>();
    private final Map<String, UUID> companyIds = new HashMap<>();
    private final Map<String, UUID> personIds = new HashMap<>();
    private DirectoryImporter importer;
    private DirectoryService directory;

    public TestFirm company(String key) {
        companies.add(new DirectoryFile.CompanyEntry(externalId(key), key + " " + suffix));
        return this;
    }

    public TestFirm collaborator(String key, String... favourites) {
        people.add(new DirectoryFile.PersonEntry(
                email(key), name(key), "COLLABORATOR", false, List.of(), externalIds(favourites)));
        return this;
    }

    public TestFirm administrator(String key, String... favourites) {
        people.add(new DirectoryFile.PersonEntry(
                email(key), name(key), "COLLABORATOR", true, List.of(), externalIds(favourites)));
        return this;
    }

    /** A client member of {@code companies}, starring {@code favourites}. */
    public TestFirm client(String key, List<String> memberOf, List<String> favourites) {
        people.add(new DirectoryFile.PersonEntry(
                email(key),
                name(key),
                "CLIENT",
                false,
                externalIds(memberOf.toArray(String[]::new)),
                externalIds(favourites.toArray(String[]::new))));
        return this;
    }

    /** Imports everything and sets every password to {@link #PASSWORD}. */
    public TestFirm create(DirectoryImporter importer, InvitationService invitations, DirectoryService directory) {
        this.importer = importer;
        this.directory = directory;
        ImportResult result = importer.importDirectory(new DirectoryFile(companies, people), null);
        result.companies().forEach(c -> companyIds.put(c.externalId(), c.id()));
        result.users().forEach(u -> personIds.put(u.email(), u.id()));
        for (ImportResult.InvitationLink link : result.invitations()) {
            invitations.accept(link.url().substring(link.url().lastIndexOf('/') + 1), PASSWORD, PASSWORD);
        }
        return this;
    }

    /** Re-imports one client with new memberships and favourites (as an administrator's import would). */
    public void changeClient(String key, List<String> memberOf, List<String> favourites) {
        importer.importDirectory(
                new DirectoryFile(
                        List.of(),
                        List.of(new DirectoryFile.PersonEntry(
                                email(key),
                                name(key),
                                "CLIENT",
                                false,
                                externalIds(memberOf.toArray(String[]::new)),
                                externalIds(favourites.toArray(String[]::new))))),
                null);
    }

    public Viewer viewer(String key) {
        return directory.activeViewer(id(key)).orElseThrow();
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

    public String externalId(String key) {
        return key + "-" + suffix;
    }

    private List<String> externalIds(String... keys) {
        return java.util.Arrays.stream(keys).map(this::externalId).toList();
    }
}
