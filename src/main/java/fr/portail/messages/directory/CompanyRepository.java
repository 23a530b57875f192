package fr.portail.messages.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@link Company} rows. Nothing is written until {@link #save} is called. */
@Repository
class CompanyRepository {

    private static final String SELECT = "select c.id, c.external_id, c.name, c.created_at from company c";

    private final JdbcClient jdbc;

    CompanyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Company> findById(UUID id) {
        return jdbc.sql(SELECT + " where c.id = ?")
                .param(id)
                .query((rs, row) -> map(rs))
                .optional();
    }

    List<Company> findAllById(Collection<UUID> ids) {
        return jdbc.sql(SELECT + " where c.id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query((rs, row) -> map(rs))
                .list();
    }

    Optional<Company> findByExternalId(String externalId) {
        return jdbc.sql(SELECT + " where c.external_id = ?")
                .param(externalId)
                .query((rs, row) -> map(rs))
                .optional();
    }

    List<Company> findByExternalIdIn(Collection<String> externalIds) {
        return jdbc.sql(SELECT + " where c.external_id = any(?)")
                .param(externalIds.toArray(String[]::new))
                .query((rs, row) -> map(rs))
                .list();
    }

    /** Inserts a new company or updates its name; returns it. */
    Company save(Company company) {
        if (company.isNew()) {
            jdbc.sql("insert into company (id, external_id, name, created_at) values (?, ?, ?, ?)")
                    .params(
                            company.id(),
                            company.externalId(),
                            company.name(),
                            company.createdAt().atOffset(ZoneOffset.UTC))
                    .update();
            company.markStored();
        } else {
            int updated = jdbc.sql("update company set name = ? where id = ?")
                    .params(company.name(), company.id())
                    .update();
            if (updated != 1) {
                throw new IncorrectUpdateSemanticsDataAccessException("no company " + company.id());
            }
        }
        return company;
    }

    /** A company from the columns {@code id, external_id, name, created_at}. */
    static Company map(ResultSet rs) throws SQLException {
        return Company.stored(
                rs.getObject("id", UUID.class),
                rs.getString("external_id"),
                rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
