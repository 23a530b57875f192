package fr.portail.messages.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload's file is flushed to the disk while it is written, and once more, entirely, before it counts as stored. */
class BackgroundFlushTest {

    @TempDir
    Path root;

    @Test
    void flushesInTheBackgroundAsTheFileGrowsAndOnceMoreAtTheEnd() throws Exception {
        try (var file = new FlushCounting(
                FileChannel.open(root.resolve("f"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            var flush = new BackgroundFlush(file);
            flush.written(BackgroundFlush.EVERY_BYTES - 1);
            assertThat(file.flushes.get()).isZero();
            flush.written(BackgroundFlush.EVERY_BYTES);
            flush.finish();
            assertThat(file.flushes.get()).isEqualTo(2);
        }
    }

    @Test
    void aSmallFileIsFlushedOnceAtTheEnd() throws Exception {
        try (var file = new FlushCounting(
                FileChannel.open(root.resolve("f"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            var flush = new BackgroundFlush(file);
            flush.written(1);
            flush.finish();
            assertThat(file.flushes.get()).isEqualTo(1);
        }
    }

    @Test
    void aFailedBackgroundFlushFailsTheUpload() throws Exception {
        var file = FileChannel.open(root.resolve("f"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        var flush = new BackgroundFlush(new FlushCounting(file) {
            @Override
            public void force(boolean metaData) throws IOException {
                throw new IOException("disk gone");
            }
        });
        flush.written(BackgroundFlush.EVERY_BYTES);
        assertThatThrownBy(flush::finish).isInstanceOf(IOException.class).hasMessage("disk gone");
        file.close();
    }

    /** A file channel that counts its flushes and passes everything on. */
    private static class FlushCounting extends FileChannel {

        final AtomicInteger flushes = new AtomicInteger();
        private final FileChannel file;

        FlushCounting(FileChannel file) {
            this.file = file;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
            flushes.incrementAndGet();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
