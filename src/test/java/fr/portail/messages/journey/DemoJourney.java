package fr.portail.messages.journey;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The application with the demo firm loaded, on a random port and its own database: what a newcomer sees. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "messages.embedded-database.ephemeral=true",
            "messages.embedded-database.database-name=demo_journeys",
            "messages.demo-data=true",
            "messages.embedded-smtp.port=0",
            "messages.data-dir=${messages.test-data-dir:target/test-data}"
        })
@interface DemoJourney {}
