package fr.portail.messages.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The company of a conversation. */
public record CompanyRef(UUID id, String name) {

    /** The company of the row's {@code company_id, company_name} columns, {@code null} for a private conversation. */
    static CompanyRef read(ResultSet rs) throws SQLException {
        UUID companyId = rs.getObject("company_id", UUID.class);
        return companyId == null ? null : new CompanyRef(companyId, rs.getString("company_name"));
    }
}
