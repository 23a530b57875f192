package fr.portail.messages.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a refused request must not change: the row counts of the tables that hold what people write and what
 * administrators set, and the files of the attachment storage. Tables written in the background (notifications,
 * e-mails, sessions, and the audit log, which records some changes after their commit) are left out, since a request
 * that succeeded just before may still be adding to them.
 */
final class StoredState {

    private static final List<String> TABLES = List.of(
            "company",
            "person",
            "membership",
            "favourite",
            "invitation",
            "access_token",
            "conversation",
            "participant",
            "message",
            "attachment",
            "conversation_mute");

    private final JdbcClient jdbc;
    private final Path files;

    StoredState(JdbcClient jdbc, Path files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /** The counts now, by table, plus {@code files} for the storage when {@code withFiles}. */
    Map<String, Long> snapshot(boolean withFiles) {
        Map<String, Long> counts = new LinkedHashMap<>();
        String sql = "select "
                + String.join(
                        ", ",
                        TABLES.stream()
                                .map(t -> "(select count(*) from " + t + ") as " + t)
                                .toList());
        jdbc.sql(sql).query(rs -> {
            for (String table : TABLES) {
                counts.put(table, rs.getLong(table));
            }
        });
        if (withFiles) {
            counts.put("files", fileCount());
        }
        return counts;
    }

    private long fileCount() {
        if (!Files.isDirectory(files)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(files)) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
