package fr.portail.messages.attachment;

import java.io.Flushable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Flushes a file to the disk ({@code () -> channel.force(false)}) on another thread while the request's thread goes on
 * writing it, every {@value #EVERY_BYTES} bytes, so that the flush that ends the upload ({@link #finish()}) only has
 * the last part left to write: the disk works while the network still brings the file (docs/performance.md,
 * "Uploads").
 */
final class BackgroundFlush {

    static final long EVERY_BYTES = 8L * 1024 * 1024;

    private static final ExecutorService FLUSHING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "attachment-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final Flushable toDisk;
    private long writtenAtLastFlush;
    private Future<?> running;

    BackgroundFlush(Flushable toDisk) {
        this.toDisk = toDisk;
    }

    /** Starts a flush once {@value #EVERY_BYTES} more bytes were written, unless the last one is still running. */
    void written(long bytesSoFar) {
        if (bytesSoFar - writtenAtLastFlush >= EVERY_BYTES && (running == null || running.isDone())) {
            writtenAtLastFlush = bytesSoFar;
            running = FLUSHING.submit(() -> {
                toDisk.flush();
                return null;
            });
        }
    }

    /** Waits for a running flush, then flushes what is left: the file's content is on the disk when this returns. */
    void finish() throws IOException {
        if (running != null) {
            try {
                running.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while flushing an upload");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException failed ? failed : new IOException(e.getCause());
            }
        }
        toDisk.flush();
    }
}
