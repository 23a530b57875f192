package fr.portail.messages.directory;

/** A member of the firm's staff, or a person of a client company. */
public enum PersonKind {
    COLLABORATOR,
    CLIENT
}
