package fr.portail.messages.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full application whose property {@code messages.security.second-factor=everyone} fixes the rule of two-step
 * sign-in, on a database of its own. Its public URL is its real address (a free port chosen before it starts): a
 * passkey belongs to the public URL's host and origin, which the browser checks.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "messages.embedded-database.ephemeral=true",
            "messages.embedded-database.database-name=second_factor_test",
            "messages.demo-data=false",
            "messages.embedded-smtp.port=0",
            "messages.data-dir=${messages.test-data-dir:target/test-data}",
            "messages.security.second-factor=everyone"
        })
@ContextConfiguration(initializers = SecondFactorFixed.OwnAddress.class)
@Import({TestDirectory.class, TestClock.class})
public @interface SecondFactorFixed {

    /** Picks a free port and makes it both the server's port and the public URL's. */
    class OwnAddress implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "second-factor-address",
                            Map.of("server.port", port, "messages.public-url", "http://localhost:" + port)));
        }
    }
}
