package fr.portail.messages.conversation;

import fr.portail.messages.directory.PersonKind;
import java.util.UUID;

/** A person as conversations show them: deactivated people keep their name on their messages. */
public record PersonRef(UUID id, String name, PersonKind kind, boolean active) {}
