/** The audit log: who did what and when, recorded in the transaction of the change, never with message text. */
package fr.portail.messages.audit;
