package fr.portail.messages.support;

import java.io.InputStream;

/** Test files of any size whose bytes follow a pattern that does not repeat on part or buffer boundaries. */
public final class PatternedContent {

    private static final int PERIOD = 251;

    private PatternedContent() {}

    /** {@code size} bytes of the pattern. */
    public static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % PERIOD);
        }
        return bytes;
    }

    /** The same {@code size} bytes, generated as they are read, so that even 100 MB never sit in the test's heap. */
    public static InputStream patternStream(long size) {
        return new InputStream() {
            long position;

            @Override
            public int read() {
                return position < size ? (int) (position++ % PERIOD) : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) ((position + i) % PERIOD);
                }
                position += count;
                return count;
            }
        };
    }
}
