package fr.portail.messages.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Pages are written as Thymeleaf renders them, through a buffer of {@value PageView#CHARS_PER_WRITE} characters, into a
 * response buffer that holds a whole page (ADR 12).
 *
 * <p>Rendering into one string first (Thymeleaf's {@code produce-partial-output-while-processing: false}) grew that
 * string by copies and copied it once more at the end: about 0.6 MB of garbage for an 84 KB inbox page. Writing each of
 * the template's thousands of small pieces straight into the response went through the writers of Spring Session's and
 * Spring Security's response wrappers one by one. The buffer makes a handful of writes per page; the response buffer
 * keeps the response uncommitted until the page is complete, so that an error while rendering still gets its error
 * page, and the page goes out with its {@code Content-Length}.
 */
@Configuration(proxyBeanMethods = false)
class BufferedPages {

    @Bean
    static BeanPostProcessor bufferedPageViews() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ThymeleafViewResolver resolver) {
                    resolver.setViewClass(PageView.class);
                }
                return bean;
            }
        };
    }

    /** A Thymeleaf view that writes its page through a buffer. */
    static class PageView extends ThymeleafView {

        static final int CHARS_PER_WRITE = 16 * 1024;
        static final int RESPONSE_BUFFER_BYTES = 512 * 1024;

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws Exception {
            if (!response.isCommitted()) {
                response.setBufferSize(RESPONSE_BUFFER_BYTES);
            }
            BufferedResponse page = new BufferedResponse(response);
            super.render(model, request, page);
            page.flushPage();
        }
    }

    private static final class BufferedResponse extends HttpServletResponseWrapper {

        private PrintWriter writer;

        BufferedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(
                        new PageWriter(super.getOutputStream(), Charset.forName(getCharacterEncoding())), false);
            }
            return writer;
        }

        void flushPage() throws IOException {
            if (writer != null && writer.checkError()) {
                throw new IOException("the page could not be written to the response");
            }
        }
    }

    /**
     * Gathers a page's small pieces into {@value PageView#CHARS_PER_WRITE} characters and writes them as bytes, encoded
     * in one call of the charset's encoder (Jetty's own writer encodes character by character: a quarter of an inbox
     * page's CPU samples). Its flush hands what it holds to the response's buffer without flushing that buffer: the
     * response is sent once the request ends, with its length. A surrogate pair cut by the buffer's end is encoded
     * whole with the next characters.
     */
    static final class PageWriter extends Writer {

        private final OutputStream response;
        private final CharsetEncoder encoder;
        private final CharBuffer chars = CharBuffer.allocate(PageView.CHARS_PER_WRITE);
        private final ByteBuffer bytes;

        PageWriter(OutputStream response, Charset charset) {
            this.response = response;
            this.encoder = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            this.bytes = ByteBuffer.allocate((int) Math.ceil(encoder.maxBytesPerChar() * chars.capacity()));
        }

        @Override
        public void write(char[] text, int offset, int length) throws IOException {
            while (length > 0) {
                int part = Math.min(length, chars.remaining());
                chars.put(text, offset, part);
                offset += part;
                length -= part;
                drainWhenFull();
            }
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            while (length > 0) {
                int part = Math.min(length, chars.remaining());
                text.getChars(offset, offset + part, chars.array(), chars.position());
                chars.position(chars.position() + part);
                offset += part;
                length -= part;
                drainWhenFull();
            }
        }

        @Override
        public void write(int c) throws IOException {
            chars.put((char) c);
            drainWhenFull();
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        @Override
        public void close() throws IOException {
            drain();
        }

        private void drainWhenFull() throws IOException {
            if (!chars.hasRemaining()) {
                drain();
            }
        }

        private void drain() throws IOException {
            chars.flip();
            encoder.encode(chars, bytes, false);
            chars.compact();
            response.write(bytes.array(), 0, bytes.position());
            bytes.clear();
        }
    }
}
