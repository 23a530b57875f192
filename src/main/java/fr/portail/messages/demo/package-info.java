/** The demo firm loaded into an empty database, so that every rule of SPEC §2 can be seen at work. */
package fr.portail.messages.demo;
