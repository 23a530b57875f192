package fr.portail.messages.notification;

import fr.portail.messages.platform.ReplyMailProperties;
import fr.portail.messages.platform.SecretTokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The tokens of notification e-mails, from one secret ({@code messages.mail.reply-secret}, or one generated once and
 * kept in the database so that every instance shares it):
 *
 * <ul>
 *   <li>the personal reply address {@code reply+TOKEN@domain}: the conversation and an HMAC of (conversation, person),
 *       in lower-case base32 so that mail systems that change the case of addresses do not break it; the person is
 *       the sender of the reply, whose address must be theirs;
 *   <li>the one-click mute link: the person and the conversation encrypted and authenticated (AES-GCM), so that the
 *       URL names nothing readable and cannot be forged.
 * </ul>
 */
@Component
class MailTokens {

    private static final Logger log = LoggerFactory.getLogger(MailTokens.class);
    private static final int MAC_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte MUTE = 1;
    private static final byte STOP_DIGEST = 2;

    private final ReplyMailProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Keys keys;

    MailTokens(ReplyMailProperties properties, JdbcClient jdbc, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The local part of a person's reply address for a conversation, {@code reply+…}. */
    String replyLocalPart(UUID conversationId, UUID personId) {
        ByteBuffer bytes = ByteBuffer.allocate(16 + MAC_BYTES);
        putUuid(bytes, conversationId);
        bytes.put(replyMac(conversationId, personId));
        return "reply+" + Base32.encode(bytes.array());
    }

    /** The conversation a reply address names, if it is one of ours at all (its HMAC is checked separately). */
    static Optional<ReplyToken> parseReply(String localPart) {
        if (localPart == null || !localPart.toLowerCase(Locale.ROOT).startsWith("reply+")) {
            return Optional.empty();
        }
        byte[] bytes = Base32.decode(localPart.substring("reply+".length()));
        if (bytes == null || bytes.length != 16 + MAC_BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        UUID conversation = new UUID(buffer.getLong(), buffer.getLong());
        byte[] mac = new byte[MAC_BYTES];
        buffer.get(mac);
        return Optional.of(new ReplyToken(conversation, mac));
    }

    /** Whether the token was issued to this person for its conversation. */
    boolean issuedTo(ReplyToken token, UUID personId) {
        return MessageDigest.isEqual(token.mac(), replyMac(token.conversationId(), personId));
    }

    /** The token of the one-click link that mutes a conversation for a person. */
    String muteToken(UUID personId, UUID conversationId) {
        return seal(MUTE, personId, conversationId);
    }

    /** The token of the one-click link of a daily e-mail, which turns the daily e-mail off. */
    String stopDigestToken(UUID personId) {
        return seal(STOP_DIGEST, personId, new UUID(0, 0));
    }

    /** What a one-click token asks, or empty when it is not one of ours. */
    Optional<Unsubscribe> open(String token) {
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(token);
            if (sealed.length < 12 + 16) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(keys().unsubscribe(), "AES"),
                    new GCMParameterSpec(128, sealed, 0, 12));
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(sealed, 12, sealed.length - 12));
            byte kind = plain.get();
            UUID person = new UUID(plain.getLong(), plain.getLong());
            UUID conversation = new UUID(plain.getLong(), plain.getLong());
            return Optional.of(new Unsubscribe(kind == STOP_DIGEST, person, kind == MUTE ? conversation : null));
        } catch (IllegalArgumentException | GeneralSecurityException | java.nio.BufferUnderflowException bad) {
            return Optional.empty();
        }
    }

    private String seal(byte kind, UUID personId, UUID conversationId) {
        try {
            ByteBuffer plain = ByteBuffer.allocate(33);
            plain.put(kind);
            putUuid(plain, personId);
            putUuid(plain, conversationId);
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(keys().unsubscribe(), "AES"),
                    new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.array());
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(ByteBuffer.allocate(12 + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] replyMac(UUID conversationId, UUID personId) {
        byte[] full = hmac(keys().reply(), conversationId + "/" + personId);
        byte[] mac = new byte[MAC_BYTES];
        System.arraycopy(full, 0, mac, 0, MAC_BYTES);
        return mac;
    }

    private Keys keys() {
        Keys current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    String secret = secret();
                    keys = new Keys(
                            hmac(secret.getBytes(StandardCharsets.UTF_8), "reply-address"),
                            shorten(hmac(secret.getBytes(StandardCharsets.UTF_8), "one-click-unsubscribe")));
                }
                current = keys;
            }
        }
        return current;
    }

    /** The configured secret, or the one kept in the database (generated by the first instance that needs it). */
    private String secret() {
        if (StringUtils.hasText(properties.replySecret())) {
            return properties.replySecret();
        }
        jdbc.sql("insert into notification_secret (name, value, created_at) values ('mail-tokens', ?, ?)"
                        + " on conflict (name) do nothing")
                .params(SecretTokens.newToken(), OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .update();
        log.debug("Using the e-mail token secret kept in the database (messages.mail.reply-secret is not set)");
        return jdbc.sql("select value from notification_secret where name = 'mail-tokens'")
                .query(String.class)
                .single();
    }

    private static byte[] shorten(byte[] key) {
        byte[] aes = new byte[16];
        System.arraycopy(key, 0, aes, 0, 16);
        return aes;
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putUuid(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private record Keys(byte[] reply, byte[] unsubscribe) {}

    /** A parsed reply address: the conversation it names and the HMAC to check against the sender. */
    record ReplyToken(UUID conversationId, byte[] mac) {}

    /**
     * What a one-click link asks.
     *
     * @param stopDigest turn the daily e-mail off, rather than mute one conversation
     * @param conversationId the conversation to mute, {@code null} for a daily e-mail
     */
    record Unsubscribe(boolean stopDigest, UUID personId, UUID conversationId) {}

    /** RFC 4648 base32 in lower case, without padding. */
    static final class Base32 {
        private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

        private Base32() {}

        static String encode(byte[] data) {
            StringBuilder out = new StringBuilder();
            int buffer = 0;
            int bits = 0;
            for (byte b : data) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
            }
            return out.toString();
        }

        /** The bytes, or {@code null} when the text is not base32. */
        static byte[] decode(String text) {
            var out = new java.io.ByteArrayOutputStream();
            int buffer = 0;
            int bits = 0;
            for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
                int value = ALPHABET.indexOf(c);
                if (value < 0) {
                    return null;
                }
                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8) {
                    out.write((buffer >> (bits - 8)) & 0xff);
                    bits -= 8;
                }
            }
            return out.toByteArray();
        }
    }
}
