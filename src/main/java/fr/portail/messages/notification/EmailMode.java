package fr.portail.messages.notification;

/** How a person receives the e-mails about new messages. */
public enum EmailMode {
    /** One e-mail per message, as soon as possible. */
    IMMEDIATE,
    /** One e-mail per conversation after the grouping delay, listing the messages not read in the app meanwhile. */
    GROUPED,
    /** One e-mail a day at the chosen hour, listing the conversations with unread messages. */
    DAILY,
    /** No e-mail. */
    NONE
}
