package fr.portail.messages.attachment;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads a buffer without copying it into the heap first. */
final class ByteBufferInputStream extends InputStream {

    private final ByteBuffer buffer;

    ByteBufferInputStream(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public int read() {
        return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int read = Math.min(count, buffer.remaining());
        buffer.get(target, offset, read);
        return read;
    }

    @Override
    public long skip(long n) {
        int skipped = (int) Math.max(0, Math.min(n, buffer.remaining()));
        buffer.position(buffer.position() + skipped);
        return skipped;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }
}
