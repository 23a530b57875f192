package fr.portail.messages.directory;

import java.util.UUID;

/** Published when a person is deactivated: their sessions must end at once. */
public record PersonDeactivated(UUID personId, String email) {}
