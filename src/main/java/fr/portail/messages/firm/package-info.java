/**
 * The firm's own identity (name, logo, brand colour, contact, legal footer), its rule for two-step sign-in, and the
 * sender of every e-mail.
 */
package fr.portail.messages.firm;
