/**
 * Conversations of the three types, their participants and messages, the access policy, the inbox and replies.
 *
 * <p>It reads in SQL the tables of directory ({@code person}, {@code company}, {@code membership}, {@code favourite}),
 * which the access rules are made of, and of attachment ({@code attachment}) to list a message's files; it writes only
 * its own ({@code conversation}, {@code participant}, {@code message}, {@code read_state}).
 */
package fr.portail.messages.conversation;
