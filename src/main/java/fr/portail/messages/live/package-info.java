/** Live updates: events of new messages and reads, passed between instances by PostgreSQL and pushed to browsers by Server-Sent Events. */
package fr.portail.messages.live;
