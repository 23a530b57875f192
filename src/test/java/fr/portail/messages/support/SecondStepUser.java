package fr.portail.messages.support;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.HttpUser.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** The second step of signing in over HTTP: asking for the e-mail code, reading it in the mail, typing it. */
public final class SecondStepUser {

    /** The subject of the code's e-mail (French, the default language). */
    public static final String CODE_SUBJECT = "Votre code de connexion";

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private SecondStepUser() {}

    /** The CSRF token of the second step's page, for a session that has given its password. */
    public static String csrf(HttpUser user) {
        return HttpUser.csrfToken(user.get("/connexion/verification"));
    }

    /** Asks for a code and reads it in the new e-mail (several sent within a second have no reliable order). */
    public static String sendCode(HttpUser user, String email, EmbeddedMailServer mail) {
        List<String> before = codeMails(mail, email);
        Response sent = user.postForm("/connexion/code", Map.of("_csrf", csrf(user)));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.location()).isEqualTo("/connexion/verification?envoye");
        return awaitNewCode(mail, email, before);
    }

    /** Waits for a code e-mail to {@code email} that is not among {@code before}, and answers its code. */
    public static String awaitNewCode(EmbeddedMailServer mail, String email, List<String> before) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> codeMails(mail, email).size() > before.size());
        List<String> fresh = codeMails(mail, email).stream()
                .filter(text -> !before.contains(text))
                .toList();
        assertThat(fresh).hasSize(1);
        Matcher code = CODE.matcher(fresh.get(0));
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    /** The texts of the code e-mails sent to {@code email}. */
    public static List<String> codeMails(EmbeddedMailServer mail, String email) {
        return mail.receivedEmails().stream()
                .filter(e -> e.to().contains(email) && e.subject().equals(CODE_SUBJECT))
                .map(e -> e.text())
                .toList();
    }

    /** Posts a typed code; the answer is Spring Security's redirect. */
    public static Response typeCode(HttpUser user, String code) {
        return user.postForm("/connexion/code/verifier", Map.of("code", code, "_csrf", csrf(user)));
    }

    /** Signs in with the password and an e-mail code, and checks that it worked. */
    public static HttpUser signedInWithCode(int port, String email, String password, EmbeddedMailServer mail) {
        HttpUser user = new HttpUser(port);
        assertThat(user.signIn(email, password).location()).isEqualTo("/");
        assertThat(typeCode(user, sendCode(user, email, mail)).location()).isEqualTo("/");
        return user;
    }
}
