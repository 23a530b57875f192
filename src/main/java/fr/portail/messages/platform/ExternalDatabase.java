package fr.portail.messages.platform;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** Whether the deployment points at an external PostgreSQL rather than the embedded one. */
public final class ExternalDatabase {

    private ExternalDatabase() {}

    /** True when {@code spring.datasource.url} is set. */
    public static boolean isConfigured(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }
}
