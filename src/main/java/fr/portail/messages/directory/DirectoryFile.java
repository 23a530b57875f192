package fr.portail.messages.directory;

import java.util.List;

/**
 * A directory to import: companies matched by external id, people by e-mail. For a person, {@code companies}
 * (clients only) and {@code favourites} replace the current ones when given, and are left alone when absent.
 */
public record DirectoryFile(List<CompanyEntry> companies, List<PersonEntry> users) {

    public DirectoryFile {
        companies = companies == null ? List.of() : companies;
        users = users == null ? List.of() : users;
    }

    /** A company of the file. */
    public record CompanyEntry(String externalId, String name) {}

    /** A person of the file; {@code kind} is {@code COLLABORATOR} or {@code CLIENT}. */
    public record PersonEntry(
            String email, String name, String kind, Boolean admin, List<String> companies, List<String> favourites) {}
}
