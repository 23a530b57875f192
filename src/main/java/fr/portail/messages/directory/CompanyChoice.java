package fr.portail.messages.directory;

import java.util.UUID;

/** A company as a picker shows it to a user. */
public record CompanyChoice(UUID id, String externalId, String name, boolean favourite) {}
