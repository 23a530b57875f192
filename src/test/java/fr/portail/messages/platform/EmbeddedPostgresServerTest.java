package fr.portail.messages.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second instance started on the data directory of a running one must not take its database away: the postmaster
 * of a directory whose lock is held is not an orphan.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondInstanceOnTheSameDataDirectoryIsRefusedAndLeavesTheRunningServerAlone() throws Exception {
        Path postgresDir = Files.createDirectories(dataDir.resolve("postgres"));
        // A running instance: its server process, named by postmaster.pid, and the directory's lock held.
        Process server = new ProcessBuilder("sleep", "60").start();
        try (FileChannel lock = FileChannel.open(
                        postgresDir.resolve(EmbeddedPostgresServer.LOCK_FILE),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                var held = lock.lock()) {
            Files.writeString(postgresDir.resolve("postmaster.pid"), server.pid() + "\n" + postgresDir + "\n");

            assertThatThrownBy(() -> EmbeddedPostgresServer.acquire(postgresDir, false, "128MB"))
                    .isInstanceOf(StartupRefusal.class)
                    .hasMessageContaining("messages.data-dir")
                    .hasMessageContaining("in use by another running instance");
            assertThat(server.waitFor(1, TimeUnit.SECONDS))
                    .as("the running server was left alone")
                    .isFalse();
        } finally {
            server.destroy();
        }
    }

    @Test
    void aServerLeftBehindByAHardKillIsStopped() throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        EmbeddedPostgresServer.acquire(postgresDir, false, "128MB").close();
        // No lock held: the application that started this process is gone.
        Process orphan = new ProcessBuilder("sleep", "60").start();
        Files.writeString(postgresDir.resolve("postmaster.pid"), orphan.pid() + "\n" + postgresDir + "\n");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(postgresDir, false, "128MB")) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(server.jdbcUrl("probe")).startsWith("jdbc:postgresql:");
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void theServerHasTheSharedBuffersItWasGiven() throws Exception {
        try (EmbeddedPostgresServer server =
                        EmbeddedPostgresServer.acquire(dataDir.resolve("postgres"), false, "200MB");
                var connection = DriverManager.getConnection(server.jdbcUrl("probe"), "postgres", "postgres");
                var show = connection.createStatement().executeQuery("show shared_buffers")) {
            show.next();
            assertThat(show.getString(1)).isEqualTo("200MB");
        }
    }
}
