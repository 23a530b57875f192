package fr.portail.messages.attachment;

import java.util.UUID;

/**
 * The names the storages give files: a random UUID in its canonical form, with {@code ".partial"} appended while a file
 * is still being written. Anything else is refused before it reaches a path or a bucket, and never listed for the sweep
 * (it is not ours to delete).
 */
final class StorageKeys {

    static final String PARTIAL = ".partial";

    private StorageKeys() {}

    static String generate() {
        return UUID.randomUUID().toString();
    }

    /** Whether {@code key} is a generated key (not a partial one). */
    static boolean isGenerated(String key) {
        if (key == null || key.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(key).toString().equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code key} is a generated key, or one with {@code ".partial"} appended. */
    static boolean isGeneratedOrPartial(String key) {
        return isGenerated(withoutPartial(key));
    }

    static boolean isPartial(String key) {
        return key.endsWith(PARTIAL);
    }

    static String withoutPartial(String key) {
        return key != null && isPartial(key) ? key.substring(0, key.length() - PARTIAL.length()) : key;
    }

    /** {@code key} itself when it is a generated key or a partial one. */
    static String require(String key) {
        if (!isGeneratedOrPartial(key)) {
            throw new IllegalArgumentException("not an attachment key: " + key);
        }
        return key;
    }
}
