package fr.portail.messages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.CompanyAdministration;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.PeopleFilter;
import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The import page (dry run, errors, apply, invitation links) and the audit log page with its CSV export. */
@AdminIntegrationTest
class ImportAndAuditTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InvitationService invitations;

    @Autowired
    DirectoryService directory;

    @Autowired
    CompanyAdministration administration;

    @Autowired
    PersonAdministration people;

    Firm firm;
    WebSession boss;
    String tag;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .administrator("boss")
                .collaborator("alice")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        boss = WebSession.signedIn(port, firm.email("boss"), TestDirectory.PASSWORD);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    private long peopleMatching(String query) {
        return people.people(firm.viewer("boss"), PeopleFilter.ALL, query, 0).total();
    }

    private long companiesMatching(String query) {
        return administration.companies(firm.viewer("boss"), query, 0).total();
    }

    // ------------------------------------------------------------------ import

    @Test
    void csvDryRunShowsWhatWouldChangeWithoutChangingAnythingThenImportApplies() {
        String companies =
                "externalId,name\nNEW-" + tag + ",Garage " + tag + "\n" + firm.externalId("dup") + ",Dupont renamed\n";
        String people = "email,name,kind,admin,companies,favourites\n"
                + "lea." + tag + "@client.example,Léa " + tag + ",CLIENT,,NEW-" + tag + "|" + firm.externalId("dup")
                + ",NEW-" + tag + "\n"
                + firm.email("alice") + ",Alice renamed,COLLABORATOR,false,,NEW-" + tag + "\n";
        var preview = boss.postMultipart(
                "/admin/import",
                Map.of("mode", "preview"),
                Map.of(
                        "companiesFile", Map.entry("companies.csv", companies),
                        "usersFile", Map.entry("people.csv", people)));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.text())
                .contains("data-testid=\"import-preview\"")
                .contains("Entreprises : 1 créée(s), 1 modifiée(s). Personnes : 1 créée(s), 1 modifiée(s).")
                .contains("lea." + tag + "@client.example");
        assertThat(companiesMatching("NEW-" + tag)).isZero();
        assertThat(peopleMatching("lea." + tag)).isZero();
        assertThat(directory.company(firm.companyId("dup")).orElseThrow().name())
                .isNotEqualTo("Dupont renamed");

        // "Importer" posts back the content the dry run showed.
        Matcher companiesField = Pattern.compile("name=\"companies\" value=\"([^\"]*)\"", Pattern.DOTALL)
                .matcher(preview.body());
        Matcher usersField = Pattern.compile("name=\"users\" value=\"([^\"]*)\"", Pattern.DOTALL)
                .matcher(preview.body());
        assertThat(companiesField.find()).isTrue();
        assertThat(usersField.find()).isTrue();
        var applied = boss.post(
                "/admin/import/appliquer",
                Map.of(
                        "companies", List.of(unescape(companiesField.group(1))),
                        "users", List.of(unescape(usersField.group(1)))));
        assertThat(applied.status()).isEqualTo(302);
        var report = boss.follow(applied);
        assertThat(report.text()).contains("data-testid=\"import-report\"").contains("Annuaire importé.");
        Matcher link =
                Pattern.compile("value=\"(http[^\"]+/invitations/[^\"]+)\"").matcher(report.body());
        assertThat(link.find()).as("invitation link of the new person").isTrue();
        assertThat(report.body()).contains("lea." + tag + "@client.example");
        assertThat(companiesMatching("NEW-" + tag)).isEqualTo(1);
        assertThat(peopleMatching("lea." + tag)).isEqualTo(1);
        assertThat(directory.company(firm.companyId("dup")).orElseThrow().name())
                .isEqualTo("Dupont renamed");
    }

    private static String unescape(String html) {
        return html.replace("&#10;", "\n")
                .replace("&#13;", "\r")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void invalidFileListsEveryErrorAndChangesNothing() {
        String json = """
                {"companies": [{"externalId": "", "name": "Sans identifiant"}],
                 "users": [
                   {"email": "not-an-email", "name": "X", "kind": "CLIENT", "companies": []},
                   {"email": "ok.%s@test.example", "name": "Y", "kind": "CLIENT",
                    "companies": ["UNKNOWN-%s"], "favourites": []}
                 ]}
                """.formatted(tag, tag);
        for (String mode : List.of("preview", "apply")) {
            var page = boss.postMultipart(
                    "/admin/import", Map.of("mode", mode), Map.of("jsonFile", Map.entry("directory.json", json)));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text())
                    .contains("data-testid=\"import-errors\"")
                    .contains("3 erreur(s)")
                    .contains("companies[0].externalId")
                    .contains("« not-an-email » n'est pas une adresse e-mail valide.")
                    .contains("Entreprise inconnue : « UNKNOWN-" + tag + " ».");
        }
        assertThat(peopleMatching("ok." + tag)).isZero();

        var notJson = boss.postMultipart(
                "/admin/import", Map.of("mode", "preview"), Map.of("jsonFile", Map.entry("x.json", "{not json")));
        assertThat(notJson.text()).contains("Ce fichier n'est pas un JSON d'annuaire lisible.");
        var nothing = boss.postMultipart("/admin/import", Map.of("mode", "preview"), Map.of());
        assertThat(nothing.text()).contains("Choisissez un fichier JSON ou les fichiers CSV.");
        var badHeader = boss.postMultipart(
                "/admin/import",
                Map.of("mode", "preview"),
                Map.of("companiesFile", Map.entry("c.csv", "id;nom\nA;B\n")));
        assertThat(badHeader.text()).contains("La première ligne doit être : externalid,name");
    }

    @Test
    void jsonImportAppliedDirectlyShowsTheInvitationLinks() {
        String json = """
                {"companies": [{"externalId": "J-%s", "name": "Json %s"}],
                 "users": [{"email": "json.%s@test.example", "name": "Json", "kind": "COLLABORATOR",
                            "admin": false, "favourites": ["J-%s"]}]}
                """.formatted(tag, tag, tag, tag);
        var applied = boss.postMultipart(
                "/admin/import", Map.of("mode", "apply"), Map.of("jsonFile", Map.entry("d.json", json)));
        assertThat(applied.status()).isEqualTo(302);
        var report = boss.follow(applied);
        assertThat(report.text()).contains("json." + tag + "@test.example").contains("/invitations/");
        assertThat(peopleMatching("json." + tag)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ audit log

    @Test
    void auditLogFiltersByCompanyPersonAndDates() {
        UUID dup = firm.companyId("dup");
        boss.post("/admin/entreprises/" + dup + "/nom", Map.of("name", List.of("Renamed " + tag)));
        boss.post("/admin/utilisateurs/" + firm.id("alice") + "/administrateur", Map.of("admin", List.of("true")));

        var byCompany = boss.get("/admin/audit?company=" + dup);
        assertThat(byCompany.status()).isEqualTo(200);
        assertThat(byCompany.body())
                .contains("data-action=\"COMPANY_RENAMED\"")
                .doesNotContain("data-action=\"ADMIN_GRANTED\"");
        assertThat(byCompany.text()).contains("Entreprise renommée").contains("Renamed " + tag);

        var byPerson = boss.get("/admin/audit?person=" + firm.id("alice"));
        assertThat(byPerson.body())
                .as("what was done to alice")
                .contains("data-action=\"ADMIN_GRANTED\"")
                .doesNotContain("data-action=\"COMPANY_RENAMED\"");
        var byActor = boss.get("/admin/audit?person=" + firm.id("boss"));
        assertThat(byActor.body())
                .contains("data-action=\"COMPANY_RENAMED\"")
                .contains("data-action=\"ADMIN_GRANTED\"");

        // The day the rename was recorded, in the firm's time zone: "today" read from the clock here could be the next
        // day when the test runs at midnight.
        LocalDate today = jdbc.sql("""
                        select max(at) from audit_entry where action = 'COMPANY_RENAMED' and target = ?
                        """)
                .param(firm.externalId("dup"))
                .query(java.time.OffsetDateTime.class)
                .single()
                .atZoneSameInstant(ZoneId.of("Europe/Paris"))
                .toLocalDate();
        assertThat(boss.get("/admin/audit?company=" + dup + "&from=" + today + "&to=" + today)
                        .body())
                .contains("data-action=\"COMPANY_RENAMED\"");
        assertThat(boss.get("/admin/audit?company=" + dup + "&to=" + today.minusDays(1))
                        .body())
                .doesNotContain("data-action=\"COMPANY_RENAMED\"")
                .contains("Aucune entrée.");
        assertThat(boss.get("/admin/audit?company=" + dup + "&from=" + today.plusDays(1))
                        .body())
                .doesNotContain("data-action=\"COMPANY_RENAMED\"");
    }

    @Test
    void csvExportUsesTheSameFiltersAndEscapesQuotesCommasAndFormulas() {
        String externalId = "=HYPERLINK(\"http://evil.example\",\"" + tag + "\")";
        UUID company = administration.createCompany(firm.viewer("boss"), externalId, "Dupont, \"Fils\" " + tag);
        administration.renameCompany(firm.viewer("boss"), company, "+SUM(A1) " + tag);

        var csv = boss.get("/admin/audit.csv?company=" + company);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.contentDisposition()).contains("attachment").contains("audit.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "\uFEFF\"Date\",\"E-mail de l'auteur\",\"Nom de l'auteur\",\"Action\",\"Cible\",\"Détails\"");
        assertThat(lines).hasSize(3);
        String escapedTarget = "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"" + tag + "\"\")\"";
        assertThat(lines.get(1))
                .contains("\"" + firm.email("boss") + "\"")
                .contains("\"COMPANY_RENAMED\"")
                .contains(escapedTarget)
                .contains("\"name: Dupont, \"\"Fils\"\" " + tag + " -> +SUM(A1) " + tag + "\"");
        assertThat(lines.get(2))
                .contains("\"COMPANY_CREATED\"")
                .contains(escapedTarget)
                .contains("\"name: Dupont, \"\"Fils\"\" " + tag + "\"");
        assertThat(boss.get("/admin/audit.csv?company=" + company + "&to=2000-01-01")
                        .body()
                        .lines())
                .hasSize(1);
    }

    @Test
    void csvCellsStartingWithAFormulaCharacterAreNeutralised() {
        assertThat(AuditCsv.cell("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(AuditCsv.cell("+33 6")).isEqualTo("\"'+33 6\"");
        assertThat(AuditCsv.cell("-2")).isEqualTo("\"'-2\"");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(AuditCsv.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(AuditCsv.cell("a,b \"c\"\nd")).isEqualTo("\"a,b \"\"c\"\"\nd\"");
        assertThat(AuditCsv.cell("plain")).isEqualTo("\"plain\"");
        assertThat(AuditCsv.cell(null)).isEqualTo("\"\"");
    }
}
