package fr.portail.messages.platform;

/**
 * The one answer for "does not exist" and "exists but not for you": both give the same 404 page or problem, so that
 * nobody can learn what exists from the difference.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super("not found", null, false, false);
    }
}
