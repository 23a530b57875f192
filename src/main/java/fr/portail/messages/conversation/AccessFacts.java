package fr.portail.messages.conversation;

import fr.portail.messages.directory.PersonKind;

/**
 * Everything the access rules (docs/access-rules.md) look at to decide whether one person may access one conversation, read from the current state
 * of the database.
 *
 * @param type the conversation's type
 * @param viewerKind collaborator or client
 * @param viewerActive whether the person is active
 * @param viewerIsParticipant {@code u ∈ P}
 * @param viewerStarredCompany {@code co ∈ fav(u)}
 * @param viewerIsMember {@code co ∈ mem(u)}
 * @param clientParticipantStarredCompany some client {@code p ∈ P} has {@code co ∈ fav(p)}
 */
record AccessFacts(
        ConversationType type,
        PersonKind viewerKind,
        boolean viewerActive,
        boolean viewerIsParticipant,
        boolean viewerStarredCompany,
        boolean viewerIsMember,
        boolean clientParticipantStarredCompany) {}
