/** The layout shared by every page, languages, error pages and problem answers. */
package fr.portail.messages.web;
