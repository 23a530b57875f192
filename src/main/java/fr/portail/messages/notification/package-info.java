/** In-app notifications and e-mails of new messages, their delivery with retries, and each person's preferences. */
package fr.portail.messages.notification;
