package fr.portail.messages.admin;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV as RFC 4180 says (every field quoted, quotes doubled, CRLF line ends), with a guard against formula
 * injection: a spreadsheet would run a cell starting with {@code = + - @} (or a tab or carriage return), so such a
 * cell gets a leading apostrophe and is shown as text.
 */
final class AuditCsv {

    private final Writer out;

    AuditCsv(Writer out) {
        this.out = out;
    }

    void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        if (value == null) {
            return "\"\"";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
