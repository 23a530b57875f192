package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * SPEC §9: anonymous requests are refused before a multipart body is read. Each request here announces 100 MB and
 * sends only its first kilobyte, then waits: an application that parsed the body (as the CSRF filter does when it
 * looks for a {@code _csrf} field) would wait for the rest and never answer; the refusal comes at once instead.
 */
@IntegrationTest
class AnonymousMultipartTest {

    private static final String BOUNDARY = "----limits";

    @LocalServerPort
    int port;

    @Test
    void anonymousUploadToTheApiIsRefusedWith401WithoutReadingTheBody() throws IOException {
        String head = answerToAPartialBody("/api/v1/attachments", "");
        assertThat(head).startsWith("HTTP/1.1 401").containsIgnoringCase("content-type: application/problem+json");
    }

    @Test
    void anonymousConversationWithFilesIsRefusedWith401WithoutReadingTheBody() throws IOException {
        String head = answerToAPartialBody("/api/v1/conversations", "");
        assertThat(head).startsWith("HTTP/1.1 401");
    }

    @Test
    void anonymousMultipartPostToAPageIsSentToTheLoginPageWithoutReadingTheBody() throws IOException {
        String head = answerToAPartialBody("/conversations", "");
        assertThat(head).startsWith("HTTP/1.1 302").containsPattern("(?i)location: [^\\r\\n]*/login");
    }

    @Test
    void aSessionCookieThatNamesNoSessionIsAnonymousToo() throws IOException {
        String head = answerToAPartialBody("/api/v1/attachments", "Cookie: MESSAGES_SESSION=bm90LWEtc2Vzc2lvbg\r\n");
        assertThat(head).startsWith("HTTP/1.1 401");
    }

    /** The status line and headers of the answer to a multipart POST whose body stops after its first kilobyte. */
    private String answerToAPartialBody(String path, String extraHeaders) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            String part = "--" + BOUNDARY + "\r\n"
                    + "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                    + "guess\r\n"
                    + "--" + BOUNDARY + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"gros.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n";
            out.write(("POST " + path + " HTTP/1.1\r\n"
                            + "Host: localhost:" + port + "\r\n"
                            + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                            + "Content-Length: " + (100L << 20) + "\r\n"
                            + "Accept: application/json\r\n"
                            + extraHeaders
                            + "\r\n"
                            + part)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[1024]);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) != -1) {
                    head.write(b);
                    if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException waitingForTheBody) {
                throw new AssertionError("no answer within 5 s: the server is reading the body of " + path);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
