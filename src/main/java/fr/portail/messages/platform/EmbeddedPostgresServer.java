package fr.portail.messages.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per data directory and JVM, shared by every application context that uses that
 * directory (tests start several contexts) and stopped when the last of them closes.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();

    /** The file the embedded server locks in its data directory while it runs. */
    static final String LOCK_FILE = "epg-lock";

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private int users;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    /**
     * Starts (or joins) the server that keeps its data in {@code dataDirectory}.
     *
     * @param sharedBuffers PostgreSQL's {@code shared_buffers} when this call starts the server, such as "1GB"
     */
    public static synchronized EmbeddedPostgresServer acquire(
            Path dataDirectory, boolean deleteOnClose, String sharedBuffers) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = RUNNING.get(dir);
        if (server == null) {
            server = new EmbeddedPostgresServer(dir, start(dir, deleteOnClose, sharedBuffers));
            RUNNING.put(dir, server);
        }
        server.users++;
        return server;
    }

    private static EmbeddedPostgres start(Path dir, boolean deleteOnClose, String sharedBuffers) {
        try {
            Files.createDirectories(dir);
            stopOrphanedPostmaster(dir);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(deleteOnClose)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", sharedBuffers)
                    .setLocaleConfig("encoding", "UTF8")
                    .start();
            log.info(
                    "Embedded PostgreSQL started on port {} with data in {} and {} of shared buffers ({} ms)",
                    postgres.getPort(),
                    dir,
                    sharedBuffers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    /**
     * After a hard kill of the JVM the postmaster survives and holds the data directory: stop it first. A postmaster
     * is an orphan only when no application holds the directory's lock (taken by the embedded server while it runs):
     * the server of another running instance is left alone, and this start is refused.
     */
    private static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        if (heldByAnotherApplication(dir)) {
            throw new StartupRefusal(
                    "messages.data-dir " + dir.getParent()
                            + " is in use by another running instance of the application.",
                    "Give this instance a data directory of its own (--messages.data-dir=...), or let several instances "
                            + "share one database with spring.datasource.url.");
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(orphan -> {
            log.warn("Stopping the orphaned PostgreSQL server {} left in {}", pid, dir);
            orphan.destroy();
            try {
                orphan.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                orphan.destroyForcibly();
            }
        });
    }

    private static boolean heldByAnotherApplication(Path dir) throws IOException {
        try (FileChannel lock =
                FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock probe = lock.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return true;
        }
    }

    /** A JDBC URL for {@code database}, created if it does not exist yet. */
    public synchronized String jdbcUrl(String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database \"" + database.replace("\"", "") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database " + database, e);
        }
        return postgres.getJdbcUrl("postgres", database);
    }

    /** Leaves the server; the last user stops it. */
    @Override
    public void close() throws IOException {
        synchronized (EmbeddedPostgresServer.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(dataDirectory);
        }
        postgres.close();
        log.info("Embedded PostgreSQL stopped");
    }
}
