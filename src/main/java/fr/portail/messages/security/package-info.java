/**
 * Sign-in, sessions, CSRF, security headers, throttling, and the resolution of the acting person for each request.
 *
 * <p>It reads the directory's {@code person} table to sign people in and resolve the acting person; it writes only its
 * own ({@code access_token}, {@code login_failure}, the session tables).
 */
package fr.portail.messages.security;
