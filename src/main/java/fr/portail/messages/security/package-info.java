/** Sign-in, sessions, CSRF, security headers, throttling, and the resolution of the acting person for each request. */
package fr.portail.messages.security;
