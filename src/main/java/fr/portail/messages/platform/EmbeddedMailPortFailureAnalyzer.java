package fr.portail.messages.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a taken embedded SMTP port into a short start-up report that names the property, without a stack trace. */
class EmbeddedMailPortFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedMailServer.PortTakenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedMailServer.PortTakenException cause) {
        return new FailureAnalysis(
                cause.getMessage() + " (the embedded SMTP server cannot listen on 127.0.0.1:" + cause.port() + ").",
                "Set messages.embedded-smtp.port to a free port, to 0 for any free port, or leave it unset to use 3025"
                        + " or a free port when 3025 is taken.",
                cause);
    }
}
