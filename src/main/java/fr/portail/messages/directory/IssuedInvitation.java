package fr.portail.messages.directory;

import java.time.Instant;
import java.util.UUID;

/** An invitation just created: its link is shown once to the administrator and e-mailed to the person. */
public record IssuedInvitation(UUID personId, String email, String url, Instant expiresAt) {}
