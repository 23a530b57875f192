package fr.portail.messages.directory;

import java.util.UUID;

/**
 * The active person making a request, passed explicitly to every service that decides something for them.
 *
 * @param id the person's id
 * @param name display name
 * @param email sign-in e-mail
 * @param kind collaborator or client
 * @param admin whether the person administers the directory
 */
public record Viewer(UUID id, String name, String email, PersonKind kind, boolean admin) {

    public boolean isClient() {
        return kind == PersonKind.CLIENT;
    }

    public boolean isCollaborator() {
        return kind == PersonKind.COLLABORATOR;
    }

    static Viewer of(Person person) {
        return new Viewer(person.id(), person.name(), person.email(), person.kind(), person.isAdmin());
    }
}
