/** People (collaborators, clients, administrators), companies, memberships, favourites, invitations and import. */
package fr.portail.messages.directory;
