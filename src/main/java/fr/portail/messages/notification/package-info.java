/**
 * In-app notifications and e-mails of new messages, their delivery with retries, and each person's preferences.
 *
 * <p>It reads in SQL the tables of directory ({@code person}, {@code company}) and conversation ({@code conversation},
 * {@code participant}, {@code message}) to address and compose notifications; it writes only its own
 * ({@code notification}, {@code conversation_mute}, {@code email_delivery}).
 */
package fr.portail.messages.notification;
