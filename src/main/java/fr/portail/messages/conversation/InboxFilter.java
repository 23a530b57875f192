package fr.portail.messages.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Filters of the inbox; {@code null} means "any".
 *
 * @param type only this type
 * @param companyId only this company's conversations
 * @param participantOnly only the conversations where the person is a participant
 * @param unreadOnly only the conversations with messages the person has not read
 * @param view to handle, done, or both
 */
public record InboxFilter(
        ConversationType type, UUID companyId, boolean participantOnly, boolean unreadOnly, InboxView view) {

    /** Whether conversation {@code c} has messages that person {@code :viewer} has not read. */
    static final String UNREAD_CONDITION = """
            c.message_count > coalesce((select r.read_count from read_state r
                                         where r.person_id = :viewer and r.conversation_id = c.id), 0)""";

    public InboxFilter {
        view = view == null ? InboxView.TODO : view;
    }

    /** The default view, "À traiter". */
    public InboxFilter(ConversationType type, UUID companyId, boolean participantOnly, boolean unreadOnly) {
        this(type, companyId, participantOnly, unreadOnly, InboxView.TODO);
    }

    public static InboxFilter none() {
        return new InboxFilter(null, null, false, false);
    }

    /** The same filters in another view. */
    public InboxFilter in(InboxView otherView) {
        return new InboxFilter(type, companyId, participantOnly, unreadOnly, otherView);
    }

    /**
     * The condition on conversation {@code c} for the query form of {@link ConversationAccess}, except
     * {@link #participantOnly()} which chooses its shape; {@link #bind} gives its parameters.
     */
    String condition() {
        List<String> conditions = new ArrayList<>();
        if (type != null) {
            conditions.add("c.type = :type");
        }
        if (companyId != null) {
            conditions.add("c.company_id = :companyId");
        }
        if (unreadOnly) {
            conditions.add(UNREAD_CONDITION);
        }
        if (view != InboxView.ALL) {
            conditions.add(view.condition());
        }
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }

    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        if (type != null) {
            statement = statement.param("type", type.name());
        }
        if (companyId != null) {
            statement = statement.param("companyId", companyId);
        }
        return statement;
    }
}
