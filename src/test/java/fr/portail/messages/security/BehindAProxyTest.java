package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Forwarded headers count only from a trusted proxy (loopback here): the client's address for throttling and the
 * https scheme for HSTS. The same headers from another address change nothing.
 */
@IntegrationTest
class BehindAProxyTest {

    private static final String CLIENT = "203.0.113.77";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetFailures() {
        jdbc.sql("delete from login_failure where throttle_key like '%address:%'")
                .update();
    }

    /** One raw HTTP/1.1 exchange from {@code from} to {@code to}; the answer's head and body as text. */
    private String exchange(InetAddress from, InetAddress to, String request) throws IOException {
        try (Socket socket = new Socket(to, port, from, 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A wrong password posted with the login page's session and CSRF token, all from {@code from}. */
    private void failSignIn(InetAddress from, String forwardedFor) throws IOException {
        String host = from.getHostAddress();
        String page = exchange(from, from, "GET /login HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        Matcher cookie = Pattern.compile("Set-Cookie: (MESSAGES_SESSION=[^;]+)").matcher(page);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(cookie.find() && csrf.find()).isTrue();
        String body = "username=nobody%40proxy.test&password=wrong+password+here&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        String answer = exchange(
                from,
                from,
                "POST /login HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                        + "Cookie: " + cookie.group(1) + "\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                        + "\r\nX-Forwarded-For: " + forwardedFor + "\r\n\r\n" + body);
        assertThat(head(answer)).contains("/login?error");
    }

    private static String loginPage(String host) {
        return "GET /login HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n" + "X-Forwarded-For: " + CLIENT
                + "\r\nX-Forwarded-Proto: https\r\n\r\n";
    }

    private static String head(String answer) {
        return answer.substring(0, answer.indexOf("\r\n\r\n"));
    }

    private boolean throttleCounted(String address) {
        return jdbc.sql("select count(*) from login_failure where throttle_key = ?")
                        .param("address:" + address)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void trustedProxyForwardsTheClientAddressAndHttps() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        failSignIn(loopback, CLIENT);
        String login = head(exchange(loopback, loopback, loginPage("messages.example")));

        System.out.println("/login forwarded as https by a trusted proxy:\n" + login);
        assertThat(throttleCounted(CLIENT))
                .as("throttled by the client's address")
                .isTrue();
        assertThat(login).containsIgnoringCase("Strict-Transport-Security: max-age=31536000");
    }

    @Test
    void anAddressTheClientWroteBeforeTheProxysIsNotTheClients() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        // The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the address it saw, then its own hop.
        failSignIn(loopback, "198.51.100.1, " + CLIENT + ", 127.0.0.2");

        assertThat(throttleCounted(CLIENT))
                .as("the last address that is not a trusted proxy")
                .isTrue();
        assertThat(throttleCounted("198.51.100.1"))
                .as("the address the client chose")
                .isFalse();
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() throws IOException {
        Optional<InetAddress> own = nonLoopbackAddress();
        assumeTrue(own.isPresent(), "needs a non-loopback interface to send from an untrusted address");
        InetAddress untrusted = own.get();

        failSignIn(untrusted, "198.51.100.9");
        String login = head(exchange(untrusted, untrusted, loginPage(untrusted.getHostAddress())));

        assertThat(throttleCounted("198.51.100.9"))
                .as("a spoofed X-Forwarded-For")
                .isFalse();
        assertThat(throttleCounted(untrusted.getHostAddress())).isTrue();
        assertThat(login).doesNotContainIgnoringCase("Strict-Transport-Security");
    }

    @Test
    void httpsPublicAddressGivesASecureHostPrefixedCookie() {
        DefaultCookieSerializer https = SessionCookie.serializer(true);
        DefaultCookieSerializer http = SessionCookie.serializer(false);
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        var response = new org.springframework.mock.web.MockHttpServletResponse();

        https.writeCookieValue(
                new org.springframework.session.web.http.CookieSerializer.CookieValue(request, response, "abc"));
        http.writeCookieValue(
                new org.springframework.session.web.http.CookieSerializer.CookieValue(request, response, "def"));

        assertThat(response.getHeaders("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("__Host-MESSAGES_SESSION=")
                        .contains("Path=/")
                        .contains("Secure")
                        .contains("HttpOnly")
                        .doesNotContain("Domain="))
                .anySatisfy(cookie ->
                        assertThat(cookie).startsWith("MESSAGES_SESSION=").doesNotContain("Secure"));
        assertThat(new HttpUser(port).get("/login").header("Set-Cookie")).startsWith("MESSAGES_SESSION=");
    }
}
