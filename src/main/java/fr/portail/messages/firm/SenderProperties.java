package fr.portail.messages.firm;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sender of every e-mail.
 *
 * @param from the address e-mails come from ({@code messages.mail.from}), in the firm's own domain so that SPF, DKIM
 *     and DMARC align; required with {@code spring.mail.host}. Without it, with the embedded mail server, {@code
 *     no-reply@} the host of {@code messages.public-url}.
 */
@ConfigurationProperties("messages.mail")
record SenderProperties(String from) {}
