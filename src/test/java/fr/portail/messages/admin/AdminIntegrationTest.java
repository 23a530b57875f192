package fr.portail.messages.admin;

import fr.portail.messages.support.SqlStatementCounter;
import fr.portail.messages.support.TestDirectory;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port with its own throw-away database, so that the administration tests may count
 * the active administrators without other test classes' people in the way.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "messages.embedded-database.ephemeral=true",
            "messages.demo-data=false",
            "messages.embedded-smtp.port=0",
            "messages.embedded-database.database-name=admin_test",
            "messages.data-dir=${messages.test-data-dir:target/test-data}"
        })
@Import({TestDirectory.class, SqlStatementCounter.class})
@interface AdminIntegrationTest {}
