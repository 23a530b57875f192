package fr.portail.messages.security;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed-in person, read with the session in the same SQL statement. Spring Session reads a session's row and its
 * attributes in one query; the query set here adds one more "attribute" row: the active person whose e-mail is the
 * session's principal name, as JSON ({@link DirectoryService#activeViewerAsJson}). So every request sees the person as
 * they are at that request (deactivated: no row; renamed, another role or kind: the new values) without a statement of
 * its own. The attribute is never written back: Spring Session saves only attributes set during the request, and
 * {@link QuietSessionRepository} hides it from the attribute names so that nothing copies it into a session.
 */
final class SessionPerson {

    /** The name of the read-only attribute; a person's e-mail never changes, so the principal name finds them. */
    static final String ATTRIBUTE = SessionPerson.class.getName();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SessionPerson() {}

    /** Spring Session's query for one session, plus the person's row. Only one parameter: the session id. */
    static final String QUERY = """
            SELECT S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL,
                   SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES
            FROM %%TABLE_NAME%% S
            LEFT JOIN LATERAL (
              SELECT A.ATTRIBUTE_NAME, A.ATTRIBUTE_BYTES
                FROM %%TABLE_NAME%%_ATTRIBUTES A WHERE A.SESSION_PRIMARY_ID = S.PRIMARY_ID
              UNION ALL
              SELECT '%s', person.json FROM (%s) AS person(json)
            ) SA ON TRUE
            WHERE S.SESSION_ID = ?
            """.formatted(ATTRIBUTE, DirectoryService.activeViewerAsJson("S.PRINCIPAL_NAME"));

    /**
     * Spring Session's conversions (Java serialization of attributes) plus the person's JSON: a Java serialization
     * stream starts with the bytes {@code AC ED}, never with an opening brace as JSON does.
     */
    static ConversionService conversions() {
        ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
        DeserializingConverter javaSerialization = new DeserializingConverter(classLoader);
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(
                byte[].class,
                Object.class,
                bytes -> bytes.length > 0 && bytes[0] == '{'
                        ? JSON.readValue(bytes, Viewer.class)
                        : javaSerialization.convert(bytes));
        return conversions;
    }

    /** The active person as read with this request's session; empty when the session has no active person. */
    static Optional<Viewer> of(HttpSession session) {
        return session == null ? Optional.empty() : Optional.ofNullable((Viewer) session.getAttribute(ATTRIBUTE));
    }
}
