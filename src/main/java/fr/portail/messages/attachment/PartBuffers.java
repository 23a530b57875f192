package fr.portail.messages.attachment;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/** The pool of direct buffers that S3 uploads cut their content into, one part at a time. */
final class PartBuffers {

    private final int partSize;
    private final Semaphore bufferPermits;
    private final ConcurrentLinkedQueue<ByteBuffer> freeBuffers = new ConcurrentLinkedQueue<>();

    PartBuffers(int partSize, int buffers) {
        this.partSize = partSize;
        this.bufferPermits = new Semaphore(buffers, true);
    }

    /**
     * A part buffer from the pool, allocated on first use. Buffers live outside the heap and are reused, so that 100
     * MB uploads never grow the heap; the pool's size bounds that memory, and an upload beyond it waits its turn.
     */
    ByteBuffer acquire() throws IOException {
        try {
            bufferPermits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an upload buffer");
        }
        ByteBuffer buffer = freeBuffers.poll();
        if (buffer == null) {
            try {
                buffer = ByteBuffer.allocateDirect(partSize);
            } catch (OutOfMemoryError e) {
                bufferPermits.release();
                throw e;
            }
        }
        return buffer.clear();
    }

    void release(ByteBuffer buffer) {
        freeBuffers.offer(buffer.clear());
        bufferPermits.release();
    }
}
