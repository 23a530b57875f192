package fr.portail.messages.support;

import fr.portail.messages.attachment.AttachmentStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The keys of the files in the attachment storage, for tests that say "nothing stored": take them before, and check
 * afterwards that no key was added (a subset, not an equal count: the scheduled sweep may delete old orphans meanwhile).
 */
public final class StoredFiles {

    private StoredFiles() {}

    public static Set<String> keys(AttachmentStorage storage) {
        Set<String> keys = new HashSet<>();
        try {
            storage.forEach(file -> keys.add(file.key()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }
}
