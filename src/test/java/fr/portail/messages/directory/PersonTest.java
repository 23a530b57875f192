package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.platform.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a person guards by itself (docs/glossary.md), without a database. */
class PersonTest {

    private final Company own = new Company("OWN", "Own");
    private final Company other = new Company("OTHER", "Other");

    @Test
    void clientStarsOnlyItsOwnCompanies() {
        Person client = new Person("c@example.test", "Client", PersonKind.CLIENT, false);
        client.replaceCompanies(List.of(own));

        client.star(own);

        assertThat(client.favourites()).containsExactly(own);
        assertThat(client.mayStar(other)).isFalse();
        assertThatThrownBy(() -> client.star(other)).isInstanceOf(InvalidInputException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> client.replaceFavourites(List.of(own, other)));
    }

    @Test
    void clientLeavingACompanyLosesItsFavourite() {
        Person client = new Person("c@example.test", "Client", PersonKind.CLIENT, false);
        client.replaceCompanies(List.of(own, other));
        client.replaceFavourites(List.of(own, other));

        client.replaceCompanies(List.of(own));

        assertThat(client.companies()).containsExactly(own);
        assertThat(client.favourites()).containsExactly(own);
    }

    @Test
    void collaboratorStarsAnyCompanyAndBelongsToNone() {
        Person collaborator = new Person("k@example.test", "Collaborator", PersonKind.COLLABORATOR, false);

        collaborator.star(other);

        assertThat(collaborator.favourites()).containsExactly(other);
        assertThatIllegalArgumentException().isThrownBy(() -> collaborator.replaceCompanies(List.of(own)));
    }

    @Test
    void onlyCollaboratorsAreAdministrators() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Person("c@example.test", "Client", PersonKind.CLIENT, true));
        Person client = new Person("c@example.test", "Client", PersonKind.CLIENT, false);
        assertThatIllegalArgumentException().isThrownBy(() -> client.changeAdmin(true));
        Person collaborator = new Person("k@example.test", "Collaborator", PersonKind.COLLABORATOR, false);
        collaborator.changeAdmin(true);
        assertThat(collaborator.isAdmin()).isTrue();
    }

    @Test
    void emailIsKeptInLowerCase() {
        assertThat(new Person(" Mixed@Example.TEST ", "Mixed", PersonKind.CLIENT, false).email())
                .isEqualTo("mixed@example.test");
    }
}
