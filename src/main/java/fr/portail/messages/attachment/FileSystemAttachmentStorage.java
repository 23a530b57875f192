package fr.portail.messages.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Attachments in a directory ({@code messages.data-dir}/attachments by default), spread over sub-directories by the
 * first characters of their generated key. A file is written under a temporary name and renamed once complete, so a
 * crash never leaves a half-written file under a real key.
 */
class FileSystemAttachmentStorage implements AttachmentStorage {

    private static final int BUFFER = 64 * 1024;
    private final Path root;

    FileSystemAttachmentStorage(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    @Override
    public StoredFile store(InputStream content, long maxBytes) throws IOException {
        String key = StorageKeys.generate();
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(key + ".partial");
        MessageDigest sha256 = sha256();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = content.read(buffer)) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw new FileTooLargeException();
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return new StoredFile(key, size, HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public Resource open(String key) throws IOException {
        Path path = path(key);
        if (!Files.isRegularFile(path)) {
            throw new java.io.FileNotFoundException(key);
        }
        return new FileSystemResource(path);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public void forEach(Consumer<StoredObject> visitor) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!StorageKeys.isGeneratedOrPartial(file.getFileName().toString())) {
                    continue; // not ours: never offered to the sweep
                }
                visitor.accept(new StoredObject(
                        file.getFileName().toString(),
                        Files.getLastModifiedTime(file).toInstant()));
            }
        }
    }

    /** Keys are generated UUIDs (".partial" while being written); anything else never reaches the file system. */
    private Path path(String key) {
        String id = StorageKeys.withoutPartial(StorageKeys.require(key));
        return root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
