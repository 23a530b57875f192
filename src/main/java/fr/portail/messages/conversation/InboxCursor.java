package fr.portail.messages.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** The keyset position after which the next inbox page starts, as an opaque string. */
record InboxCursor(Instant lastMessageAt, UUID id) {

    String encode() {
        String raw = lastMessageAt.getEpochSecond() + "." + lastMessageAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Empty for a missing or malformed cursor (which then means "first page"). */
    static Optional<InboxCursor> decode(String cursor) {
        if (cursor == null || cursor.isBlank() || cursor.length() > 200) {
            return Optional.empty();
        }
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.", 3);
            return Optional.of(new InboxCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2])));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
