package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The directory's JDBC repositories against the real schema: a new entity is inserted and a read one updated, nothing
 * is written before {@code save}, a person's sets become the rows of {@code membership} and {@code favourite}, and a
 * link redeemed is locked until its transaction ends.
 */
@IntegrationTest
class DirectoryRepositoriesTest {

    @Autowired
    PersonRepository people;

    @Autowired
    CompanyRepository companies;

    @Autowired
    InvitationRepository invitations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void newPersonIsInsertedWithItsCompaniesAndFavouritesAndReadBackAsSaved() {
        Company first = companies.save(new Company(TestDirectory.unique("CO"), "Première"));
        Company second = companies.save(new Company(TestDirectory.unique("CO"), "Seconde"));
        Person client = new Person(TestDirectory.uniqueEmail("Client"), "Claire Client", PersonKind.CLIENT, false);
        client.replaceCompanies(List.of(first, second));
        client.star(first);

        people.save(client);

        Person read = people.findById(client.id()).orElseThrow();
        assertThat(read.email()).isEqualTo(client.email()).isLowerCase();
        assertThat(read.name()).isEqualTo("Claire Client");
        assertThat(read.kind()).isEqualTo(PersonKind.CLIENT);
        assertThat(read.isAdmin()).isFalse();
        assertThat(read.isActive()).isTrue();
        assertThat(read.passwordHash()).isNull();
        assertThat(read.language()).isEqualTo("fr");
        assertThat(read.emailNotifications()).isTrue();
        assertThat(read.companies()).containsExactlyInAnyOrder(first, second);
        assertThat(read.favourites()).containsExactly(first);
        assertThat(read.favourites().iterator().next().name()).isEqualTo("Première");
    }

    @Test
    void emailIsFoundWhateverItsCase() {
        Person person =
                people.save(new Person(TestDirectory.uniqueEmail("Case"), "Casimir", PersonKind.COLLABORATOR, false));

        assertThat(people.findByEmail(person.email().toUpperCase()))
                .get()
                .extracting(Person::id)
                .isEqualTo(person.id());
        assertThat(people.findByEmails(List.of(person.email(), "nobody@example.test")))
                .extracting(Person::id)
                .containsExactly(person.id());
        assertThat(people.findByEmails(List.of())).isEmpty();
    }

    @Test
    void changesAreWrittenOnlyWhenSaved() {
        Person person =
                people.save(new Person(TestDirectory.uniqueEmail("Change"), "Avant", PersonKind.COLLABORATOR, false));

        person.rename("Après");
        person.changeAdmin(true);
        person.changeLanguage("en");
        person.changeEmailNotifications(false);
        person.changePasswordHash("hash");
        person.deactivate();
        assertThat(people.findById(person.id()).orElseThrow().name()).isEqualTo("Avant");

        people.save(person);

        Person read = people.findById(person.id()).orElseThrow();
        assertThat(read.name()).isEqualTo("Après");
        assertThat(read.isAdmin()).isTrue();
        assertThat(read.language()).isEqualTo("en");
        assertThat(read.emailNotifications()).isFalse();
        assertThat(read.passwordHash()).isEqualTo("hash");
        assertThat(read.isActive()).isFalse();

        read.activate();
        people.save(read);
        assertThat(people.findById(person.id()).orElseThrow().isActive()).isTrue();
    }

    @Test
    void leavingACompanyDeletesItsMembershipAndFavouriteRows() {
        Company kept = companies.save(new Company(TestDirectory.unique("CO"), "Gardée"));
        Company left = companies.save(new Company(TestDirectory.unique("CO"), "Quittée"));
        Person client = new Person(TestDirectory.uniqueEmail("Leaver"), "Léa", PersonKind.CLIENT, false);
        client.replaceCompanies(List.of(kept, left));
        client.replaceFavourites(List.of(kept, left));
        people.save(client);

        Person read = people.findById(client.id()).orElseThrow();
        read.replaceCompanies(List.of(kept));
        people.save(read);

        assertThat(rows("membership", client.id())).containsExactly(kept.id());
        assertThat(rows("favourite", client.id())).containsExactly(kept.id());
        Person again = people.findById(client.id()).orElseThrow();
        again.unstar(kept);
        people.save(again);
        assertThat(rows("favourite", client.id())).isEmpty();
        assertThat(rows("membership", client.id())).containsExactly(kept.id());
    }

    @Test
    void aPersonReadIsUpdatedNotInsertedAgain() {
        Person person = people.save(new Person(TestDirectory.uniqueEmail("Once"), "Once", PersonKind.CLIENT, false));

        people.save(person);
        people.save(people.findById(person.id()).orElseThrow());

        assertThat(jdbc.sql("select count(*) from person where id = ?")
                        .param(person.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aSecondPersonWithTheSameEmailInAnyCaseIsRefused() {
        String email = TestDirectory.uniqueEmail("Twice");
        people.save(new Person(email, "One", PersonKind.CLIENT, false));

        assertThatThrownBy(() -> people.save(new Person(email.toUpperCase(), "Two", PersonKind.CLIENT, false)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void savingARowThatIsGoneFails() {
        Company company = companies.save(new Company(TestDirectory.unique("CO"), "Éphémère"));
        jdbc.sql("delete from company where id = ?").param(company.id()).update();

        company.rename("Renommée");

        assertThatThrownBy(() -> companies.save(company))
                .isInstanceOf(IncorrectUpdateSemanticsDataAccessException.class);
    }

    @Test
    void companiesAreFoundByIdAndExternalIdAndRenamedWhenSaved() {
        Company company = companies.save(new Company(TestDirectory.unique("CO"), "Ancien nom"));

        company.rename("Nouveau nom");
        companies.save(company);

        assertThat(companies.findById(company.id()).orElseThrow().name()).isEqualTo("Nouveau nom");
        assertThat(companies.findByExternalId(company.externalId())).contains(company);
        assertThat(companies.findByExternalIdIn(List.of(company.externalId(), "none")))
                .containsExactly(company);
        assertThat(companies.findAllById(Set.of(company.id(), UUID.randomUUID())))
                .containsExactly(company);
        assertThat(companies.findAllById(Set.of())).isEmpty();
    }

    @Test
    void invitationIsInsertedThenUsedAndNoLongerOpen() {
        Person person = people.save(new Person(TestDirectory.uniqueEmail("Link"), "Lien", PersonKind.CLIENT, false));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = TestDirectory.unique("hash");
        invitations.save(
                new Invitation(hash, person.id(), now, now.plus(Duration.ofDays(1)), Invitation.Purpose.RESET));

        Invitation read = invitations.findByTokenHash(hash).orElseThrow();
        assertThat(read.personId()).isEqualTo(person.id());
        assertThat(read.isFor(Invitation.Purpose.RESET)).isTrue();
        assertThat(read.expiresAt()).isEqualTo(now.plus(Duration.ofDays(1)));
        assertThat(read.isUsable(now)).isTrue();
        assertThat(invitations.findOpenByPersonId(person.id())).hasSize(1);

        read.use(now.plusSeconds(1));
        invitations.save(read);

        assertThat(invitations.findByTokenHash(hash).orElseThrow().isUsable(now.plusSeconds(2)))
                .isFalse();
        assertThat(invitations.findOpenByPersonId(person.id())).isEmpty();
    }

    @Test
    void aLinkBeingRedeemedIsLockedUntilItsTransactionEnds() {
        Person person = people.save(new Person(TestDirectory.uniqueEmail("Lock"), "Verrou", PersonKind.CLIENT, false));
        Instant now = Instant.now();
        String hash = TestDirectory.unique("hash");
        invitations.save(new Invitation(hash, person.id(), now, now.plus(Duration.ofDays(1))));

        transactions.executeWithoutResult(status -> {
            assertThat(invitations.findByTokenHashForUpdate(hash)).isPresent();
            assertThat(lockedElsewhere(hash)).isTrue();
        });

        assertThat(lockedElsewhere(hash)).isFalse();
    }

    /** Whether another connection fails to lock the link's row at once. */
    private boolean lockedElsewhere(String hash) {
        try (Connection other = dataSource.getConnection();
                PreparedStatement lock =
                        other.prepareStatement("select id from invitation where token_hash = ? for update nowait")) {
            lock.setString(1, hash);
            lock.executeQuery().close();
            return false;
        } catch (SQLException e) {
            assertThat(e.getSQLState()).isEqualTo("55P03");
            return true;
        }
    }

    private List<UUID> rows(String table, UUID personId) {
        return jdbc.sql("select company_id from " + table + " where person_id = ?")
                .param(personId)
                .query(UUID.class)
                .list();
    }
}
