package fr.portail.messages.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends requests byte for byte as a hostile client would: the body as given, headers as given, no cookies kept, one
 * connection per request.
 *
 * <p>It writes HTTP/1.1 on a plain socket rather than through the JDK's client: a server may answer a request it
 * refuses to read whole (a header block above its limit, say) and close the connection while the client is still
 * writing. The answer has then arrived, but the JDK's client gives up on it when its write fails. This client reads
 * what the server answered whatever became of its write.
 */
final class RawHttp {

    private static final int READ_TIMEOUT_MS = 60_000;
    private static final byte[] END_OF_LINE = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** One answer; header names in lower case. */
    record Answer(int status, Map<String, String> headers, String body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * Sends {@code method} to {@code pathAndQuery} (already percent-encoded). Header values are sent as their
     * ISO-8859-1 bytes. Answers null for a request the JDK's HTTP client refuses to build (a restricted header name, a
     * line break in a value): no ordinary client sends those.
     */
    Answer send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        try {
            HttpRequest.Builder ordinary =
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
            headers.forEach(ordinary::header);
        } catch (IllegalArgumentException unsendable) {
            return null;
        }
        byte[] request = request(method, pathAndQuery, body, headers);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException refusedMidway) {
                // the server stopped reading; what it answered before closing is still to be read
            }
            return answer(received(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery, e);
        }
    }

    private byte[] request(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(pathAndQuery)
                .append(" HTTP/1.1\r\n");
        head.append("Host: localhost:").append(port).append("\r\n");
        head.append("Connection: close\r\n");
        if (body != null || !method.equals("GET")) {
            head.append("Content-Length: ")
                    .append(body == null ? 0 : body.length)
                    .append("\r\n");
        }
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return bytes.toByteArray();
    }

    /** Everything the server sent until it closed; a reset after some bytes ends the answer like a close. */
    private static byte[] received(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (bytes.size() == 0) {
                throw reset;
            }
        }
        return bytes.toByteArray();
    }

    private static Answer answer(byte[] received) throws IOException {
        int endOfHead = indexOf(received, END_OF_HEAD, 0);
        if (endOfHead < 0) {
            throw new IOException("no complete answer head in " + received.length + " bytes");
        }
        String[] lines = new String(received, 0, endOfHead, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 status line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim(),
                    (first, next) -> first + ", " + next);
        }
        byte[] rest = Arrays.copyOfRange(received, endOfHead + END_OF_HEAD.length, received.length);
        byte[] body;
        if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            body = unchunked(rest);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (rest.length < length) {
                throw new IOException("answer body cut at " + rest.length + " of " + length + " bytes");
            }
            body = Arrays.copyOf(rest, length);
        } else {
            body = rest;
        }
        return new Answer(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunked(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int endOfSize = indexOf(chunked, END_OF_LINE, at);
            if (endOfSize < 0) {
                throw new IOException("chunked answer cut before its last chunk");
            }
            String size = new String(chunked, at, endOfSize - at, StandardCharsets.US_ASCII);
            int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            int start = endOfSize + 2;
            if (start + length > chunked.length) {
                throw new IOException("chunked answer cut inside a chunk");
            }
            body.write(chunked, start, length);
            at = start + length + 2;
        }
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        for (int i = from; i <= in.length - what.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }
}
