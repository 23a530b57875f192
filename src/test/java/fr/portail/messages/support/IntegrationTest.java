package fr.portail.messages.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port and a throw-away embedded PostgreSQL. Every class with this annotation shares
 * one application context; tests create their own data (see {@link TestFirm}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "messages.embedded-database.ephemeral=true",
            "messages.demo-data=false",
            "messages.embedded-smtp.port=0",
            "messages.data-dir=target/test-data"
        })
@Import(SqlStatementCounter.class)
public @interface IntegrationTest {}
