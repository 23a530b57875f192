package fr.portail.messages.directory;

/** The lists of people administrators choose from: kinds and administrators among active people, or deactivated. */
public enum PeopleFilter {
    ALL,
    COLLABORATORS,
    CLIENTS,
    ADMINISTRATORS,
    DEACTIVATED
}
