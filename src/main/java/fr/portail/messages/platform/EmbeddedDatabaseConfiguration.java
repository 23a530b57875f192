package fr.portail.messages.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Without {@code spring.datasource.url}, the application runs on an embedded PostgreSQL keeping its data under
 * {@code messages.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    /** One throw-away data directory per JVM, shared by every context that asks for an ephemeral database. */
    private static Path ephemeralDirectory;

    @Bean
    EmbeddedPostgresServer embeddedPostgresServer(MessagesProperties properties) throws java.io.IOException {
        var settings = properties.embeddedDatabase();
        Path dataDir = settings.ephemeral()
                ? ephemeralDirectory()
                : properties.dataDir().resolve("postgres");
        return EmbeddedPostgresServer.acquire(dataDir, settings.ephemeral(), settings.sharedBuffers());
    }

    private static synchronized Path ephemeralDirectory() throws java.io.IOException {
        if (ephemeralDirectory == null) {
            ephemeralDirectory = Files.createTempDirectory("messages-pg-");
        }
        return ephemeralDirectory;
    }

    /** Depends on the server, so Spring closes the pool before the server stops. */
    @Bean
    DataSource dataSource(EmbeddedPostgresServer server, MessagesProperties properties) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl(properties.embeddedDatabase().databaseName()));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }

    static class NoExternalDatabase implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(
                org.springframework.context.annotation.ConditionContext context,
                org.springframework.core.type.AnnotatedTypeMetadata metadata) {
            return !ExternalDatabase.isConfigured(context.getEnvironment());
        }
    }
}
