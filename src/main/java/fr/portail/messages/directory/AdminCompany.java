package fr.portail.messages.directory;

import java.util.UUID;

/**
 * A company as administrators see it in lists.
 *
 * @param members how many clients belong to it
 * @param favourites how many people starred it
 */
public record AdminCompany(UUID id, String externalId, String name, long members, long favourites) {}
