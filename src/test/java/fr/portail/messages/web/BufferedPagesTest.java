package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;

/** A page is rendered whole, in a few large writes, before anything is sent; then it goes in one write. */
@IntegrationTest
class BufferedPagesTest {

    private static final int WRITE = BufferedPages.PageView.CHARS_PER_WRITE;

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Test
    void aPageGoesOutWholeWithItsLength() {
        TestUser user = directory.collaborator();
        Response page =
                new HttpUser(port).signedIn(user.email(), user.password()).get("/", "Accept", "text/html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).endsWith("</html>\n");
        assertThat(page.header("transfer-encoding")).isNull();
        assertThat(page.header("content-length"))
                .isEqualTo(String.valueOf(page.body().getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void nothingReachesTheResponseBeforeThePageIsCompleteThenItGoesInOneWriteWithItsLength() throws Exception {
        var response = new MockHttpServletResponse();
        response.setCharacterEncoding("UTF-8");
        int containerBuffer = response.getBufferSize();
        var writes = new ArrayList<Integer>();
        var page = new BufferedPages.BufferedResponse(new HttpServletResponseWrapper(response) {
            @Override
            public ServletOutputStream getOutputStream() {
                return new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) {
                        writes.add(length);
                        try {
                            response.getOutputStream().write(bytes, offset, length);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {}
                };
            }
        });
        String text = "<p>é</p>".repeat(3 * WRITE);

        page.getWriter().write(text);

        assertThat(response.isCommitted()).isFalse();
        assertThat(writes).isEmpty();

        page.flushPage();

        byte[] sent = response.getContentAsByteArray();
        assertThat(new String(sent, StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(writes).containsExactly(sent.length);
        assertThat(response.getContentLength()).isEqualTo(sent.length);
        assertThat(response.getBufferSize()).isEqualTo(containerBuffer);
    }

    @Test
    void smallPiecesReachTheResponseInFullWritesAndEveryCharacterArrivesInOrder() throws Exception {
        var response = new RecordingStream();
        var page = new BufferedPages.PageWriter(response, StandardCharsets.UTF_8);
        var expected = new StringBuilder();
        for (int i = 0; expected.length() < 3 * WRITE; i++) {
            String piece = "<li>élément " + i + "</li>";
            page.write(piece);
            page.write('\n');
            expected.append(piece).append('\n');
        }
        char[] large = "x".repeat(2 * WRITE).toCharArray();
        page.write(large, 0, large.length);
        expected.append(large);
        page.write("fin", 0, 3);
        expected.append("fin");

        assertThat(response.writes.subList(0, 3)).allMatch(length -> length >= WRITE);
        page.flush();
        assertThat(response.text()).isEqualTo(expected.toString());
        assertThat(response.writes).hasSizeLessThan(8);
    }

    @Test
    void aCharacterOutsideTheBasicPlaneCutByTheBufferEndArrivesWhole() throws Exception {
        var response = new RecordingStream();
        var page = new BufferedPages.PageWriter(response, StandardCharsets.UTF_8);
        String text = "a".repeat(WRITE - 1) + "\uD83D\uDCCE trombone";

        page.write(text);
        page.flush();

        assertThat(response.text()).isEqualTo(text);
    }

    /** The response's stream: what it received, and the length of each write. */
    private static final class RecordingStream extends OutputStream {

        final List<Integer> writes = new ArrayList<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            writes.add(1);
            received.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writes.add(length);
            received.write(bytes, offset, length);
        }

        String text() {
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
