package fr.portail.messages.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Quoted history and signatures as Gmail, Outlook and Apple Mail write them, in French and English, in plain text and
 * HTML: only the new text is kept.
 */
class ReplyTextTest {

    private static final String NEW = "Merci, je vous envoie le bilan signé demain.";
    private static final String QUOTED = "Voici le bilan provisoire";

    @Test
    void gmailFrenchPlainTextWithAWrappedAttribution() {
        String reply = NEW + "\n\nPaul\n\nLe lun. 1 déc. 2026 à 10:02, Alice Martin <\nalice.martin@cabinet.example> a"
                + " écrit :\n\n> " + QUOTED + "\n> de l'exercice.\n";
        assertThat(ReplyText.fromPlainText(reply)).isEqualTo(NEW + "\n\nPaul");
    }

    @Test
    void gmailEnglishPlainText() {
        String reply =
                "Thanks, signed tomorrow.\n\nOn Mon, Dec 1, 2026 at 10:02 AM Alice Martin <alice@cabinet.example>"
                        + " wrote:\n> " + QUOTED + "\n";
        assertThat(ReplyText.fromPlainText(reply)).isEqualTo("Thanks, signed tomorrow.");
    }

    @Test
    void outlookFrenchAndEnglishPlainText() {
        String french = NEW + "\r\n\r\n________________________________\r\nDe : Alice Martin"
                + " <alice@cabinet.example>\r\nEnvoyé : lundi 1 décembre 2026 10:02\r\nÀ : Paul Dupont\r\nObjet :"
                + " Boulangerie Dupont — Bilan 2025\r\n\r\n" + QUOTED + "\r\n";
        String english = NEW + "\n\nFrom: Alice Martin <alice@cabinet.example>\nSent: Monday, December 1, 2026"
                + " 10:02 AM\nTo: Paul Dupont\nSubject: Bilan\n\n" + QUOTED;
        String original = NEW + "\n\n-----Message d'origine-----\nDe : Alice\nEnvoyé : lundi\n" + QUOTED;
        assertThat(ReplyText.fromPlainText(french)).isEqualTo(NEW);
        assertThat(ReplyText.fromPlainText(english)).isEqualTo(NEW);
        assertThat(ReplyText.fromPlainText(original)).isEqualTo(NEW);
    }

    @Test
    void appleMailPlainTextWithItsSignatureLine() {
        String french = NEW + "\n\nEnvoyé de mon iPhone\n\n> Le 1 déc. 2026 à 10:02, Alice Martin"
                + " <alice@cabinet.example> a écrit :\n> \n> " + QUOTED;
        String english =
                NEW + "\n\n> On 1 Dec 2026, at 10:02, Alice Martin <alice@cabinet.example> wrote:\n>\n> " + QUOTED;
        assertThat(ReplyText.fromPlainText(french)).isEqualTo(NEW);
        assertThat(ReplyText.fromPlainText(english)).isEqualTo(NEW);
    }

    @Test
    void aSignatureAfterTheDashDashLineIsRemoved() {
        assertThat(ReplyText.fromPlainText(NEW + "\n-- \nPaul Dupont\nBoulangerie Dupont\n06 12 34 56 78"))
                .isEqualTo(NEW);
    }

    @Test
    void gmailHtml() {
        String html = "<div dir=\"ltr\"><div>" + NEW + "</div><br><div class=\"gmail_signature\""
                + " data-smartmail=\"gmail_signature\">Paul Dupont<br>Boulangerie</div></div><br><div"
                + " class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">Le lun. 1 déc. 2026 à 10:02, Alice"
                + " Martin &lt;<a href=\"mailto:alice@cabinet.example\">alice@cabinet.example</a>&gt; a écrit&nbsp;:<br>"
                + "</div><blockquote class=\"gmail_quote\" style=\"margin:0px\"><div>" + QUOTED
                + "</div></blockquote></div>";
        String kept = ReplyText.fromHtml(html);
        assertThat(kept)
                .contains(NEW)
                .doesNotContain(QUOTED)
                .doesNotContain("a écrit")
                .doesNotContain("Boulangerie");
    }

    @Test
    void outlookDesktopHtmlWithItsBorderedHeaderBlock() {
        String html = "<html><body lang=FR><div class=WordSection1><p class=MsoNormal>" + NEW
                + "<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div><div style='border:none;border-top:solid"
                + " #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>De&nbsp;:</b> Alice Martin"
                + " &lt;alice@cabinet.example&gt; <br><b>Envoyé&nbsp;:</b> lundi 1 décembre 2026 10:02<br><b>À&nbsp;:</b>"
                + " Paul Dupont<br><b>Objet&nbsp;:</b> Bilan</p></div></div><p class=MsoNormal>" + QUOTED
                + "</p></div></body></html>";
        String kept = ReplyText.fromHtml(html);
        assertThat(kept).contains(NEW).doesNotContain(QUOTED).doesNotContain("Envoyé");
    }

    @Test
    void outlookWebHtmlInEnglish() {
        String html = "<div>" + NEW + "</div><div id=\"appendonsend\"></div><hr style=\"display:inline-block\">"
                + "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Alice Martin<br><b>Sent:</b> Monday<br></div>"
                + "<div>" + QUOTED + "</div>";
        String kept = ReplyText.fromHtml(html);
        assertThat(kept)
                .contains(NEW)
                .doesNotContain(QUOTED)
                .doesNotContain("From:")
                .doesNotContain("<hr");
    }

    @Test
    void appleMailHtml() {
        String html = "<html><body dir=\"auto\"><div>" + NEW + "</div><div><br></div><div>Envoyé de mon iPhone</div>"
                + "<div><br><blockquote type=\"cite\">Le 1 déc. 2026 à 10:02, Alice Martin"
                + " &lt;alice@cabinet.example&gt; a écrit&nbsp;:<br><br></blockquote></div><blockquote"
                + " type=\"cite\"><div>" + QUOTED + "</div></blockquote></body></html>";
        String kept = ReplyText.fromHtml(html);
        assertThat(kept).contains(NEW).doesNotContain(QUOTED).doesNotContain("iPhone");
    }

    @Test
    void aReplyWithoutHistoryIsKeptWhole() {
        assertThat(ReplyText.fromPlainText("Bonjour,\n\nLe bilan est prêt.\nDe rien !\n"))
                .isEqualTo("Bonjour,\n\nLe bilan est prêt.\nDe rien !");
        assertThat(ReplyText.toHtml("Bonjour <b>\n\nLigne 1\nLigne 2"))
                .isEqualTo("<p>Bonjour &lt;b&gt;</p><p>Ligne 1<br>Ligne 2</p>");
    }
}
