package fr.portail.messages.notification;

import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.platform.ReplyMailProperties;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the reply mailbox over IMAP with Jakarta Mail, on one thread per instance: handles every e-mail in it, deletes
 * those handled, then waits with IMAP IDLE for the next one (or polls when the server has no IDLE). The mailbox is the
 * one of {@code messages.mail.inbound.*}, or the embedded mail server's. Several instances may read the same mailbox:
 * the record of each e-mail's Message-ID keeps it from being posted twice.
 */
@Component
class InboundMailReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundMailReader.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ReplyMailProperties properties;
    private final ObjectProvider<EmbeddedMailServer> embedded;
    private final ReplyProcessor processor;

    private volatile boolean running;
    private volatile Store store;
    private volatile Folder folder;
    private Thread thread;
    private ScheduledExecutorService keepAlive;

    InboundMailReader(
            ReplyMailProperties properties, ObjectProvider<EmbeddedMailServer> embedded, ReplyProcessor processor) {
        this.properties = properties;
        this.embedded = embedded;
        this.processor = processor;
    }

    @Override
    public synchronized void start() {
        if (running || !properties.inbound().enabled()) {
            return;
        }
        if (!properties.inbound().external() && embedded.getIfAvailable() == null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "inbound-mail");
        thread.setDaemon(true);
        thread.start();
        // Wakes an IDLE that a server or a firewall may have silently dropped, and re-reads the mailbox.
        keepAlive = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "inbound-mail-keepalive");
            t.setDaemon(true);
            return t;
        });
        long every = properties.inbound().pollInterval().toMillis();
        keepAlive.scheduleWithFixedDelay(this::wake, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        Thread current;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            current = thread;
            keepAlive.shutdownNow();
        }
        closeQuietly();
        try {
            current.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the delivery thread: replies start being read once the application is ready. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    private void run() {
        while (running) {
            try {
                connect();
                while (running && folder.isOpen()) {
                    boolean allHandled = readAll();
                    if (!running) {
                        break;
                    }
                    if (!allHandled) {
                        sleep(RETRY);
                    } else if (folder instanceof IMAPFolder imap && ((IMAPStore) store).hasCapability("IDLE")) {
                        imap.idle(true);
                        reselect();
                    } else {
                        sleep(properties.inbound().pollInterval());
                    }
                }
            } catch (MessagingException | RuntimeException e) {
                if (running) {
                    log.warn("Reply mailbox unavailable, retrying: {}", e.toString());
                    sleep(RETRY.multipliedBy(5));
                }
            } finally {
                closeQuietly();
            }
        }
    }

    /** Handles every e-mail of the mailbox; false when one could not be handled now (it stays for the next pass). */
    private boolean readAll() throws MessagingException {
        boolean allHandled = true;
        Message[] messages = folder.getMessages();
        for (Message message : messages) {
            if (!running) {
                return allHandled;
            }
            try {
                if (message.isSet(Flags.Flag.DELETED)) {
                    continue;
                }
                ReplyProcessor.Outcome outcome = processor.process((MimeMessage) message);
                log.debug("Inbound e-mail {}: {}", message.getMessageNumber(), outcome);
                message.setFlag(Flags.Flag.DELETED, true);
            } catch (MessageRemovedException takenByAnotherReader) {
                // another instance handled it and expunged it
            } catch (Exception e) {
                allHandled = false;
                log.warn("Inbound e-mail not handled yet, will retry: {}", EmailDelivery.describe(e));
            }
        }
        folder.expunge();
        return allHandled;
    }

    private void connect() throws MessagingException {
        ReplyMailProperties.Inbound inbound = properties.inbound();
        String protocol = inbound.ssl() ? "imaps" : "imap";
        String host;
        int port;
        String user;
        String password;
        if (inbound.external()) {
            host = inbound.host();
            port = inbound.port() != null ? inbound.port() : inbound.ssl() ? 993 : 143;
            user = inbound.username();
            password = inbound.password();
        } else {
            EmbeddedMailServer server = embedded.getObject();
            host = "127.0.0.1";
            port = server.imapPort();
            user = server.repliesUser();
            password = server.repliesPassword();
        }
        Properties settings = new Properties();
        settings.put("mail." + protocol + ".connectiontimeout", "10000");
        settings.put("mail." + protocol + ".timeout", "60000");
        settings.put("mail." + protocol + ".writetimeout", "10000");
        // Attachments are fetched in 8 MB pieces as they are streamed into the storage, not 16 KB ones.
        settings.put("mail." + protocol + ".fetchsize", String.valueOf(8 * 1024 * 1024));
        Store newStore = Session.getInstance(settings).getStore(protocol);
        newStore.connect(host, port, user, password);
        Folder newFolder = newStore.getFolder(inbound.folder());
        newFolder.open(Folder.READ_WRITE);
        store = newStore;
        folder = newFolder;
    }

    /**
     * Selects the mailbox again after an IDLE, so that the next pass counts its messages as the server does rather
     * than from the notifications it sent: with the embedded server, a reply that arrived as IDLE was starting stayed
     * unread while the reader went back to IDLE again and again (the reader sat in IDLE, its keep-alive ran).
     */
    private void reselect() throws MessagingException {
        if (folder.isOpen()) {
            folder.close(false);
        }
        folder.open(Folder.READ_WRITE);
    }

    /** Interrupts an IDLE so that the mailbox is read again. */
    private void wake() {
        Folder current = folder;
        try {
            if (current != null && current.isOpen()) {
                current.getMessageCount();
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("Keep-alive of the reply mailbox failed: {}", e.toString());
        }
    }

    private void closeQuietly() {
        try {
            Folder current = folder;
            if (current != null && current.isOpen()) {
                current.close(true);
            }
        } catch (MessagingException | RuntimeException ignored) {
            // closing anyway
        }
        try {
            Store current = store;
            if (current != null) {
                current.close();
            }
        } catch (MessagingException | RuntimeException ignored) {
            // closing anyway
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
