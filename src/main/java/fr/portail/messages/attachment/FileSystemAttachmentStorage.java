package fr.portail.messages.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Attachments in a directory ({@code messages.data-dir}/attachments by default), spread over sub-directories by the
 * first characters of their generated key. A file is written under a temporary name, flushed to the disk, renamed once
 * complete, and its directory flushed: a crash never leaves a half-written file under a real key, and a file whose row
 * PostgreSQL has committed is on the disk too.
 */
class FileSystemAttachmentStorage implements AttachmentStorage {

    private final Path root;

    FileSystemAttachmentStorage(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    /**
     * Streams the content into the file through a file channel, in chunks of {@value BackgroundSha256#CHUNK_BYTES}
     * bytes, while other threads hash the chunks already written ({@link BackgroundSha256}) and flush them to the disk
     * ({@link BackgroundFlush}).
     */
    @Override
    public StoredFile store(InputStream content, long maxBytes) throws IOException {
        String key = StorageKeys.generate();
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(key + ".partial");
        BackgroundSha256 sha256 = new BackgroundSha256();
        long size = 0;
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            BackgroundFlush flush = new BackgroundFlush(() -> out.force(false));
            int read;
            do {
                byte[] buffer = sha256.nextBuffer();
                read = fill(content, buffer);
                size += read;
                if (size > maxBytes) {
                    throw new FileTooLargeException();
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                sha256.hash(buffer, read);
                flush.written(size);
            } while (read == BackgroundSha256.CHUNK_BYTES);
            flush.finish();
        } catch (IOException | RuntimeException e) {
            sha256.abandon();
            Files.deleteIfExists(partial);
            throw e;
        }
        String hash = sha256.finish();
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.getParent());
        return new StoredFile(key, size, hash);
    }

    /** Makes a rename in {@code directory} durable (POSIX: a directory opened for reading can be synced). */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
            entries.force(true);
        }
    }

    /** Reads until the buffer is full or the content ends; the number of bytes read. */
    private static int fill(InputStream content, byte[] buffer) throws IOException {
        int filled = 0;
        int read;
        while (filled < buffer.length && (read = content.read(buffer, filled, buffer.length - filled)) != -1) {
            filled += read;
        }
        return filled;
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
}
