package fr.portail.messages.audit;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Which entries to read; every criterion is optional ({@code null}) and they combine with "and".
 *
 * @param personId entries where this person acted
 * @param personEmail entries about this person (their e-mail is the target); combined with {@code personId} by "or"
 * @param targets entries whose target is one of these (for a company: its external id)
 * @param from entries at or after this instant
 * @param until entries before this instant
 */
public record AuditQuery(UUID personId, String personEmail, Set<String> targets, Instant from, Instant until) {

    public AuditQuery {
        targets = targets == null ? null : Set.copyOf(targets);
    }

    public static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null);
    }
}
