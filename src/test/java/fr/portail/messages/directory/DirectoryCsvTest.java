package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryCsvTest {

    @Test
    void readsCompaniesAndPeopleWithListsSeparatedByPipes() {
        DirectoryFile file = DirectoryCsv.parse("""
                externalId,name
                DUP-001,Boulangerie Dupont
                MAR-002,Garage Martin
                """, """
                email,name,kind,admin,companies,favourites
                alice@cabinet.example,Alice Martin,COLLABORATOR,true,,DUP-001|MAR-002
                paul@dupont.example,Paul Dupont,CLIENT,false,DUP-001 | MAR-002,DUP-001
                """);

        assertThat(file.companies())
                .containsExactly(
                        new DirectoryFile.CompanyEntry("DUP-001", "Boulangerie Dupont"),
                        new DirectoryFile.CompanyEntry("MAR-002", "Garage Martin"));
        assertThat(file.users())
                .containsExactly(
                        new DirectoryFile.PersonEntry(
                                "alice@cabinet.example",
                                "Alice Martin",
                                "COLLABORATOR",
                                true,
                                List.of(),
                                List.of("DUP-001", "MAR-002")),
                        new DirectoryFile.PersonEntry(
                                "paul@dupont.example",
                                "Paul Dupont",
                                "CLIENT",
                                false,
                                List.of("DUP-001", "MAR-002"),
                                List.of("DUP-001")));
    }

    @Test
    void quotedFieldsKeepCommasLineBreaksAndDoubledQuotes() {
        DirectoryFile file = DirectoryCsv.parse(
                "externalId,name\r\nDUP-001,\"Dupont, \"\"Le Fournil\"\"\"\r\nMAR-002,\"Garage\nMartin\"\r\n", null);

        assertThat(file.companies())
                .extracting(DirectoryFile.CompanyEntry::name)
                .containsExactly("Dupont, \"Le Fournil\"", "Garage\nMartin");
    }

    @Test
    void semicolonSeparatedFilesFromFrenchSpreadsheetsAreRead() {
        DirectoryFile file = DirectoryCsv.parse("\uFEFFexternalId;name\nDUP-001;Dupont, père et fils\n", """
                Email;Name;Kind;Admin;Companies;Favourites
                paul@dupont.example;Paul Dupont;CLIENT;oui;DUP-001;
                """);

        assertThat(file.companies()).containsExactly(new DirectoryFile.CompanyEntry("DUP-001", "Dupont, père et fils"));
        assertThat(file.users().get(0).admin()).isTrue();
        assertThat(file.users().get(0).companies()).containsExactly("DUP-001");
        assertThat(file.users().get(0).favourites()).isEmpty();
    }

    @Test
    void emptyAdminCellMeansNotGiven() {
        DirectoryFile file = DirectoryCsv.parse(
                null, "email,name,kind,admin,companies,favourites\npaul@dupont.example,Paul,CLIENT,,,\n");

        assertThat(file.users().get(0).admin()).isNull();
        assertThat(file.companies()).isEmpty();
    }

    @Test
    void wrongHeadersAndShortRowsAreAllReportedTogether() {
        InvalidInputException error = catchThrowableOfType(
                InvalidInputException.class, () -> DirectoryCsv.parse("id,name\nDUP-001,Dupont\n", """
                        email,name,kind,admin,companies,favourites
                        paul@dupont.example,Paul Dupont,CLIENT,false,DUP-001,DUP-001
                        marie@dupont.example,Marie Dupont,CLIENT
                        """));

        assertThat(error.problems())
                .containsExactly(
                        FieldProblem.of("companiesFile", "import.error.csvHeader", "externalid,name"),
                        FieldProblem.of("usersFile", "import.error.csvColumns", 3, 6));
    }

    @Test
    void blankFilesGiveAnEmptyDirectory() {
        DirectoryFile file = DirectoryCsv.parse("  ", "");

        assertThat(file.companies()).isEmpty();
        assertThat(file.users()).isEmpty();
    }
}
