package fr.portail.messages.attachment;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The SHA-256 of an upload, computed on another thread while the request's thread reads the next chunk and writes the
 * last one: hashing took a third of a 100 MB upload when done in between (docs/performance.md). Chunks go round a
 * fixed set of {@value #CHUNKS} buffers of {@value #CHUNK_BYTES} bytes, so an upload holds 1 MB of heap whatever its
 * size, and a reader waits for the hash to catch up instead of queueing more.
 */
final class BackgroundSha256 {

    static final int CHUNK_BYTES = 256 * 1024;
    static final int CHUNKS = 4;

    private static final ExecutorService HASHING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "attachment-sha256");
        thread.setDaemon(true);
        return thread;
    });

    private record Chunk(byte[] bytes, int length) {}

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Future<byte[]> digest;

    BackgroundSha256() {
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        MessageDigest sha256 = sha256();
        digest = HASHING.submit(() -> {
            for (Chunk chunk = filled.take(); chunk != END; chunk = filled.take()) {
                sha256.update(chunk.bytes(), 0, chunk.length());
                free.put(chunk.bytes());
            }
            return sha256.digest();
        });
    }

    /** A buffer to read the next chunk into; waits while every buffer is still being hashed. */
    byte[] nextBuffer() throws InterruptedIOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the hash of an upload");
        }
    }

    /** Hands over the first {@code length} bytes of a buffer from {@link #nextBuffer()}; the caller must not touch it. */
    void hash(byte[] buffer, int length) throws InterruptedIOException {
        put(new Chunk(buffer, length));
    }

    /** The hex SHA-256 of everything handed over. */
    String finish() throws InterruptedIOException {
        put(END);
        try {
            return HexFormat.of().formatHex(digest.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the hash of an upload");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops hashing an upload that failed. */
    void abandon() {
        digest.cancel(true);
    }

    private void put(Chunk chunk) throws InterruptedIOException {
        try {
            filled.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing an upload to its hash");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
