package fr.portail.messages.audit;

import java.time.Instant;
import java.util.UUID;

/** One recorded action; {@code actorId} is {@code null} for the system or an anonymous visitor. */
public record AuditEntry(long id, Instant at, UUID actorId, String action, String target, String details) {}
