package fr.portail.messages.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full application on a random port, on a throw-away embedded PostgreSQL and a throw-away SMTP server.
 *
 * <p>Every integration test class uses exactly this annotation and nothing that changes the context (no
 * {@code @MockitoBean}, no extra properties), so the whole suite shares ONE Spring context and ONE database. Tests
 * therefore create their own people and companies with unique names through {@link TestDirectory}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "messages.embedded-database.ephemeral=true",
            "messages.demo-data=false",
            "messages.embedded-smtp.port=0",
            "messages.data-dir=${messages.test-data-dir:target/test-data}",
            "messages.bootstrap-admin.email=" + IntegrationTest.BOOTSTRAP_ADMIN_EMAIL,
            "messages.bootstrap-admin.password=" + IntegrationTest.BOOTSTRAP_ADMIN_PASSWORD
        })
@Import({TestDirectory.class, SqlStatementCounter.class, TestClock.class})
public @interface IntegrationTest {

    /** The administrator that {@code messages.bootstrap-admin.*} creates at start-up of the shared context. */
    String BOOTSTRAP_ADMIN_EMAIL = "first-admin@cabinet.test";

    String BOOTSTRAP_ADMIN_PASSWORD = "quiet lantern orchard 2026";
}
