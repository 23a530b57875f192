/** Infrastructure every feature relies on: configuration properties, the embedded PostgreSQL and SMTP servers. */
package fr.portail.messages.platform;
