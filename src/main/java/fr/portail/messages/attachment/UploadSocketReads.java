package fr.portail.messages.attachment;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat reads a request body from the socket at most {@code socket.appReadBufSize} bytes at a time (8 KB by
 * default): 12,800 reads, each copied through Tomcat's buffers, for a 100 MB upload. With 64 KB reads an upload takes
 * about a third less time (docs/performance.md). The cost: each connection's socket buffer grows to 64 KB, kept
 * outside the heap ({@code socket.directBuffer}), and each request processor Tomcat keeps for reuse (at most one per
 * request handled at once, 200 by default) holds a 72 KB input buffer in the heap instead of 16 KB.
 */
@Component
class UploadSocketReads implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    static final int READ_BUFFER_BYTES = 64 * 1024;

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(READ_BUFFER_BYTES));
            connector.setProperty("socket.directBuffer", "true");
        });
    }
}
