package fr.portail.messages.live;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one connection per instance that {@code LISTEN}s for live events, outside the pool (it is held for the life of
 * the instance), on one daemon thread. A lost connection is reopened; events that committed meanwhile are read back
 * from the event log.
 */
@Component
class PostgresListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);
    private static final int WAIT_MILLIS = 5_000;

    private final DataSource dataSource;
    private final EventStreams streams;
    private final LiveEventLog eventLog;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;
    private long lastEventId = -1;

    PostgresListener(DataSource dataSource, EventStreams streams, LiveEventLog eventLog) {
        this.dataSource = dataSource;
        this.streams = streams;
        this.eventLog = eventLog;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "live-events-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeQuietly();
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try {
                connection = open();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + LiveEventLog.CHANNEL);
                }
                if (lastEventId >= 0) {
                    eventLog.since(lastEventId).forEach(this::deliver);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        deliver(LiveEvent.parse(notification.getParameter()));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Live events: listening connection lost ({}); reconnecting", e.getMessage());
                    closeQuietly();
                    pause();
                }
            }
        }
    }

    private void deliver(LiveEvent event) {
        lastEventId = Math.max(lastEventId, event.id());
        try {
            streams.dispatch(event);
        } catch (RuntimeException e) {
            log.warn("Live events: could not dispatch event {}", event.id(), e);
        }
    }

    /** A connection of its own, with the pool's settings, so that it never counts against the pool. */
    private Connection open() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        return dataSource.getConnection();
    }

    private void closeQuietly() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // already gone
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
