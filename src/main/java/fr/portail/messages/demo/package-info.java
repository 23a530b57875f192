/**
 * The demo firm loaded into an empty database, so that every access rule (docs/access-rules.md) can be seen at work.
 *
 * <p>It reads the directory's {@code person} table to tell an empty database and to list the demo accounts.
 */
package fr.portail.messages.demo;
