package fr.portail.messages.conversation;

import java.util.UUID;

/** The company of a conversation. */
public record CompanyRef(UUID id, String name) {}
