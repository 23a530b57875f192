package fr.portail.messages.directory;

import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.TextRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Reads the CSV form of a directory file: a companies file {@code externalId,name} and a people file
 * {@code email,name,kind,admin,companies,favourites}, lists separated by {@code |}, both with a header line.
 */
public final class DirectoryCsv {

    private static final List<String> COMPANY_HEADER = List.of("externalid", "name");
    private static final List<String> PEOPLE_HEADER =
            List.of("email", "name", "kind", "admin", "companies", "favourites");

    private DirectoryCsv() {}

    /** Parses both files (either may be empty); malformed rows are reported all at once. */
    public static DirectoryFile parse(String companiesCsv, String peopleCsv) {
        List<FieldProblem> problems = new ArrayList<>();
        List<DirectoryFile.CompanyEntry> companies = new ArrayList<>();
        List<DirectoryFile.PersonEntry> people = new ArrayList<>();
        List<List<String>> companyRows = rows(companiesCsv, "companiesFile", COMPANY_HEADER, problems);
        for (int i = 0; i < companyRows.size(); i++) {
            List<String> row = companyRows.get(i);
            if (row.size() != COMPANY_HEADER.size()) {
                problems.add(FieldProblem.of("companiesFile", "import.error.csvColumns", i + 2, COMPANY_HEADER.size()));
                continue;
            }
            if (!acceptable(row, i + 2, "companiesFile", COMPANY_HEADER, problems)) {
                continue;
            }
            companies.add(new DirectoryFile.CompanyEntry(row.get(0), row.get(1)));
        }
        List<List<String>> peopleRows = rows(peopleCsv, "usersFile", PEOPLE_HEADER, problems);
        for (int i = 0; i < peopleRows.size(); i++) {
            List<String> row = peopleRows.get(i);
            if (row.size() != PEOPLE_HEADER.size()) {
                problems.add(FieldProblem.of("usersFile", "import.error.csvColumns", i + 2, PEOPLE_HEADER.size()));
                continue;
            }
            if (!acceptable(row, i + 2, "usersFile", PEOPLE_HEADER, problems)) {
                continue;
            }
            people.add(new DirectoryFile.PersonEntry(
                    row.get(0), row.get(1), row.get(2), parseBoolean(row.get(3)), list(row.get(4)), list(row.get(5))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new DirectoryFile(companies, people);
    }

    /**
     * Every cell of a row against the {@link TextRules}; each refusal names the line and the column. Names are also
     * names (one line, no bidi override): the importer checks that for every source, as it checks the rest.
     */
    private static boolean acceptable(
            List<String> row, int line, String field, List<String> header, List<FieldProblem> problems) {
        boolean acceptable = true;
        for (int column = 0; column < row.size(); column++) {
            var refusal = TextRules.problem(row.get(column), TextRules.Kind.TEXT);
            if (refusal.isPresent()) {
                problems.add(FieldProblem.of(
                        field,
                        "import.error.text",
                        line,
                        header.get(column),
                        new DefaultMessageSourceResolvable(refusal.get())));
                acceptable = false;
            }
        }
        return acceptable;
    }

    private static Boolean parseBoolean(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.isEmpty() ? null : v.equals("true") || v.equals("1") || v.equals("oui") || v.equals("yes");
    }

    private static List<String> list(String value) {
        return value.isBlank()
                ? List.of()
                : Arrays.stream(value.split("\\|"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static List<List<String>> rows(String csv, String field, List<String> header, List<FieldProblem> problems) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        List<List<String>> rows = parseRecords(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        if (rows.isEmpty()) {
            return rows;
        }
        List<String> actualHeader = rows.get(0).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (!actualHeader.equals(header)) {
            problems.add(FieldProblem.of(field, "import.error.csvHeader", String.join(",", header)));
            return List.of();
        }
        return rows.subList(1, rows.size()).stream()
                .filter(row -> !(row.size() == 1 && row.get(0).isBlank()))
                .toList();
    }

    /** RFC 4180 records: fields separated by commas (or semicolons, as spreadsheets in French write them). */
    static List<List<String>> parseRecords(String csv) {
        char separator = detectSeparator(csv);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    private static char detectSeparator(String csv) {
        int end = csv.indexOf('\n');
        String firstLine = end < 0 ? csv : csv.substring(0, end);
        return firstLine.indexOf(';') >= 0 && firstLine.indexOf(',') < 0 ? ';' : ',';
    }
}
