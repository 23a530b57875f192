package fr.portail.messages.conversation;

import fr.portail.messages.directory.PersonKind;
import java.util.UUID;

/** A person the author may designate as a participant. */
public record PersonChoice(UUID id, String name, PersonKind kind) {}
