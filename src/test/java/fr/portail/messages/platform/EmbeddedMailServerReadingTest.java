package fr.portail.messages.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The "E-mails envoyés" page and the tests read the caught e-mails while the outbox keeps sending: reading must never
 * fail because an e-mail arrived during the read (it did: a ConcurrentModificationException in three tests of one CI
 * run).
 */
class EmbeddedMailServerReadingTest {

    private static final int SENDERS = 4;
    private static final int EMAILS_PER_SENDER = 75;

    @Test
    void readingTheCaughtEmailsWhileEmailsArriveNeverFailsAndEndsWithAllOfThem() throws Exception {
        try (var server = new EmbeddedMailServer(0, 0, "replies.test", true)) {
            var smtp = new ServerSetup(server.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            try {
                List<Future<?>> sending = new ArrayList<>();
                for (int sender = 0; sender < SENDERS; sender++) {
                    int from = sender;
                    sending.add(senders.submit(() -> {
                        for (int i = 0; i < EMAILS_PER_SENDER; i++) {
                            GreenMailUtil.sendTextEmail(
                                    "reader" + (i % 3) + "@example.test",
                                    "sender" + from + "@example.test",
                                    "E-mail " + i,
                                    "Bonjour",
                                    smtp);
                        }
                    }));
                }
                int reads = 0;
                while (!sending.stream().allMatch(Future::isDone)) {
                    assertThat(server.receivedEmails())
                            .allSatisfy(email -> assertThat(email.subject()).startsWith("E-mail "));
                    reads++;
                }
                for (Future<?> sent : sending) {
                    sent.get(1, TimeUnit.MINUTES);
                }
                assertThat(reads).isPositive();
                assertThat(server.receivedEmails()).hasSize(SENDERS * EMAILS_PER_SENDER);
            } finally {
                senders.shutdownNow();
            }
        }
    }
}
