package fr.portail.messages.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How e-mail notifications are delivered.
 *
 * @param pollInterval how often each instance looks for due e-mails (a post also triggers a delivery at once)
 * @param firstRetryDelay the wait after the first failed attempt; it doubles with each further failure
 * @param maxRetryDelay the longest wait between two attempts of one e-mail
 * @param giveUpAfter the age at which an undelivered e-mail is marked failed and shown to administrators
 * @param keepDelivered how long sent and skipped e-mail rows are kept before the clean-up removes them
 * @param deliveryEnabled whether this instance delivers e-mails at all (recording them never stops)
 * @param bellRefresh how often an open page refreshes the bell's count
 * @param groupingDelay how long a grouped e-mail waits for further messages of its conversation
 * @param sendLease how long an e-mail being sent stays reserved to its worker; past it, a worker that died between
 *     the SMTP hand-off and recording it is assumed gone and the e-mail is sent again (same Message-ID)
 */
@ConfigurationProperties("messages.notifications")
record NotificationProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("5s") Duration firstRetryDelay,
        @DefaultValue("60s") Duration maxRetryDelay,
        @DefaultValue("2d") Duration giveUpAfter,
        @DefaultValue("30d") Duration keepDelivered,
        @DefaultValue("true") boolean deliveryEnabled,
        @DefaultValue("15s") Duration bellRefresh,
        @DefaultValue("3m") Duration groupingDelay,
        @DefaultValue("10m") Duration sendLease) {

    /** The wait before attempt number {@code attempts + 1}, after {@code attempts} failures. */
    Duration retryDelay(int attempts) {
        Duration delay = firstRetryDelay;
        for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
