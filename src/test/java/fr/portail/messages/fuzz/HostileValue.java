package fr.portail.messages.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A value a hostile client sends where the application expects text, as raw bytes: some are not even valid UTF-8.
 * {@code null} bytes mean "null" in JSON and "absent" in a URL or a form.
 */
record HostileValue(String label, byte[] bytes) {

    static final List<HostileValue> ALL = List.of(
            text("NUL", "a\u0000b"),
            text("literal %00", "%00"),
            new HostileValue("invalid UTF-8", new byte[] {'a', (byte) 0xC3, 0x28, (byte) 0xFF, 'b'}),
            new HostileValue("UTF-8 surrogate", new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}),
            text("control characters", "a\u0007\u001Bb"),
            text("100,000 characters", "a".repeat(100_000)),
            text("bidi override", "facture\u202Efdp.exe"),
            text("SQL", "' OR '1'='1'; DROP TABLE person; --"),
            text("HTML", "<script>alert(1)</script><img src=x onerror=alert(1)>"),
            text("path traversal", "../../../etc/passwd"),
            text("emoji", "\uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD café"),
            text("empty", ""),
            text("blank", "   "),
            text("junk id", "not-an-id"),
            text("zero id", "00000000-0000-0000-0000-000000000000"),
            text("huge number", "-99999999999999999999"),
            new HostileValue("null", null));

    static HostileValue text(String label, String value) {
        return new HostileValue(label, value.getBytes(StandardCharsets.UTF_8));
    }

    boolean isNull() {
        return bytes == null;
    }

    /** Percent-encoded for a URL or a form body: every byte but the unreserved ones, so that %00 is a NUL. */
    String percentEncoded() {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** As a JSON value: a string literal holding the raw bytes (escaped where JSON requires it), or {@code null}. */
    byte[] json() {
        if (bytes == null) {
            return "null".getBytes(StandardCharsets.US_ASCII);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                out.writeBytes(String.format("\\u%04x", c).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(c);
            }
        }
        out.write('"');
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return label;
    }
}
