package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Message HTML keeps what the toolbar makes and nothing that can run. */
class RichTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
                "<img src=x onerror=alert(1)>",
                "<p onclick=\"alert(1)\">click</p>",
                "<a href=\"javascript:alert(1)\">link</a>",
                "<a href=\"JaVaScRiPt:alert(1)\">link</a>",
                "<a href=\"&#106;avascript:alert(1)\">encoded</a>",
                "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
                "<a href=\"vbscript:msgbox(1)\">vb</a>",
                "<svg onload=alert(1)><circle r=10></circle></svg>",
                "<svg><script>alert(1)</script></svg>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<style>body{background:url(javascript:alert(1))}</style>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<object data=\"x.swf\"></object><embed src=x.swf>",
                "<form action=https://evil.example><input name=x><button>go</button></form>",
                "<div style=\"background-image:url(javascript:alert(1))\">styled</div>",
                "<p style=\"expression(alert(1))\">ie</p>",
                "<base href=\"https://evil.example/\">",
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
                "<img src=\"x\" onerror=\"alert(1)\"",
                "<p><a href=\"https://ok.example\" onmouseover=alert(1)>ok</a>",
                "<<script>script>alert(1)<</script>/script>",
                "<scr<script>ipt>alert(1)</scr</script>ipt>",
                "\"><script>alert(1)</script>",
                "<details open ontoggle=alert(1)>",
                "<video><source onerror=\"alert(1)\"></video>",
                "<a href=\"  javascript:alert(1)\">spaces</a>",
            })
    void nothingExecutableSurvives(String payload) {
        String safe = RichText.sanitize(payload).html().toLowerCase(Locale.ROOT);
        assertThat(safe)
                .doesNotContain(
                        "<script",
                        "javascript:",
                        "vbscript:",
                        "data:",
                        "onerror",
                        "onload",
                        "onclick",
                        "onmouseover",
                        "ontoggle",
                        "<svg",
                        "<style",
                        "<iframe",
                        "<object",
                        "<embed",
                        "<form",
                        "<input",
                        "<base",
                        "<meta",
                        "style=",
                        "<img",
                        "<math",
                        "<video",
                        "<source",
                        "<details");
    }

    @Test
    void keepsTheFormattingOfTheToolbar() {
        String html = "<p><strong>bold</strong> <em>italic</em> <u>under</u> <s>strike</s></p>"
                + "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote>"
                + "<p><a href=\"https://example.com/x?a=1&amp;b=2\">link</a><br></p>";
        String safe = RichText.sanitize(html).html();
        assertThat(safe)
                .contains("<strong>bold</strong>", "<em>italic</em>", "<u>under</u>", "<s>strike</s>")
                .contains("<ul><li>one</li></ul>", "<ol><li>two</li></ol>", "<blockquote>quote</blockquote>")
                .contains("href=\"https://example.com/x?a&#61;1&amp;b&#61;2\"")
                .contains("target=\"_blank\"")
                .contains("rel=\"noopener noreferrer nofollow\"");
    }

    @Test
    void mailtoLinksAreKept() {
        assertThat(RichText.sanitize("<a href=\"mailto:paul@example.com\">mail</a>")
                        .html())
                .contains("href=\"mailto:paul&#64;example.com\"");
    }

    @Test
    void plainTextReadsLikeTheMessage() {
        var text = RichText.sanitize(
                "<p>Bonjour&nbsp;Paul,</p><ul><li>relevés &amp; factures</li><li>stock &lt;31/12&gt;</li></ul>");
        assertThat(text.plainText()).isEqualTo("Bonjour Paul,\nrelevés & factures\nstock <31/12>");
    }

    @Test
    void markupWithoutTextIsAnEmptyMessage() {
        assertThat(RichText.sanitize("<p><br></p><script>x</script>").isEmpty()).isTrue();
        assertThat(RichText.sanitize(null).isEmpty()).isTrue();
    }

    @Test
    void excerptIsOneShortLine() {
        assertThat(RichText.excerpt("one\ntwo three four", 10)).isEqualTo("one two…");
    }
}
