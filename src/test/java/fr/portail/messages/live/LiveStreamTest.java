package fr.portail.messages.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The writes of one stream: in order, together when they queued up, never on the caller's thread, bounded. */
class LiveStreamTest {

    private final ManualExecutor writers = new ManualExecutor();
    private final RecordingEmitter emitter = new RecordingEmitter();
    private final List<LiveStream> gone = new ArrayList<>();
    private final LiveStream stream = new LiveStream(UUID.randomUUID(), emitter, writers, gone::add);

    @Test
    void nothingIsWrittenBeforeTheRequestLeftTheFilters() {
        stream.send("connected");
        assertThat(writers.tasks).isEmpty();

        stream.start();
        writers.runAll();

        assertThat(emitter.writes).containsExactly("connected");
    }

    @Test
    void theCallerOnlyQueuesAndWhatQueuedUpLeavesInOneWriteInOrder() {
        stream.start();
        stream.send("a");
        stream.send("b");
        stream.send("c");
        assertThat(emitter.writes).isEmpty();
        assertThat(writers.tasks).hasSize(1);

        writers.runAll();

        assertThat(emitter.writes).containsExactly("abc");
        stream.send("d");
        writers.runAll();
        assertThat(emitter.writes).containsExactly("abc", "d");
    }

    @Test
    void aStreamThatStopsReadingIsEndedInsteadOfGrowing() {
        stream.start();
        for (int i = 0; i < LiveStream.MAX_PENDING; i++) {
            stream.send("event " + i + "\n\n");
        }
        assertThat(gone).isEmpty();

        stream.send("one too many");

        assertThat(gone).containsExactly(stream);
        assertThat(emitter.completed).isTrue();
        writers.runAll();
        assertThat(emitter.writes).isEmpty();
    }

    @Test
    void aBrowserThatLeftIsForgottenAndWrittenToNoMore() {
        stream.start();
        emitter.failing = true;
        stream.send("a");
        writers.runAll();
        assertThat(gone).containsExactly(stream);

        emitter.failing = false;
        stream.send("b");
        writers.runAll();
        assertThat(emitter.writes).isEmpty();
        assertThat(writers.tasks).isEmpty();
    }

    /** Runs the writers' tasks when the test says so. */
    private static final class ManualExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    private static final class RecordingEmitter extends SseEmitter {
        final List<String> writes = new ArrayList<>();
        boolean failing;
        boolean completed;

        @Override
        public void send(Set<DataWithMediaType> items) throws IOException {
            if (failing) {
                throw new IOException("Broken pipe");
            }
            StringBuilder text = new StringBuilder();
            items.forEach(item -> text.append(item.getData()));
            writes.add(text.toString());
        }

        @Override
        public void complete() {
            completed = true;
        }
    }
}
