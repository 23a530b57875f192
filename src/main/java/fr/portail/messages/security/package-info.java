/**
 * Sign-in (password, then the e-mail code or a passkey when the firm's rule asks for a second step), sessions, CSRF,
 * security headers, throttling, and the resolution of the acting person for each request.
 *
 * <p>It reads the directory's {@code person} table to sign people in and resolve the acting person; it writes only its
 * own ({@code access_token}, {@code login_failure}, {@code sign_in_code}, the passkeys' {@code user_entities} and
 * {@code user_credentials}, the session tables).
 */
package fr.portail.messages.security;
