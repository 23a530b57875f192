/** Conversations of the three types, their participants and messages, the access policy, the inbox and replies. */
package fr.portail.messages.conversation;
