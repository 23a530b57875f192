/** The administration pages: companies, people, memberships, favourites, directory import and the audit log. */
package fr.portail.messages.admin;
