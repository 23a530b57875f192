package fr.portail.messages.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An upload's file is flushed to the disk while it is written, and once more, entirely, before it counts as stored. */
class BackgroundFlushTest {

    private final AtomicInteger flushes = new AtomicInteger();

    @Test
    void flushesInTheBackgroundAsTheFileGrowsAndOnceMoreAtTheEnd() throws Exception {
        var flush = new BackgroundFlush(flushes::incrementAndGet);
        flush.written(BackgroundFlush.EVERY_BYTES - 1);
        assertThat(flushes.get()).isZero();
        flush.written(BackgroundFlush.EVERY_BYTES);
        flush.finish();
        assertThat(flushes.get()).isEqualTo(2);
    }

    @Test
    void aSmallFileIsFlushedOnceAtTheEnd() throws Exception {
        var flush = new BackgroundFlush(flushes::incrementAndGet);
        flush.written(1);
        flush.finish();
        assertThat(flushes.get()).isEqualTo(1);
    }

    /** Only the background flush fails: the one at the end would succeed, and must not hide it. */
    @Test
    void aFailedBackgroundFlushFailsTheUpload() {
        var flush = new BackgroundFlush(() -> {
            if (flushes.incrementAndGet() == 1) {
                throw new IOException("disk gone");
            }
        });
        flush.written(BackgroundFlush.EVERY_BYTES);
        assertThatThrownBy(flush::finish).isInstanceOf(IOException.class).hasMessage("disk gone");
    }
}
