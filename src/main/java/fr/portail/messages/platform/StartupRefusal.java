package fr.portail.messages.platform;

/**
 * A configuration the application refuses to start with. Boot reports it as "APPLICATION FAILED TO START" with the
 * reason (one line naming the property) and the action, without a stack trace ({@code StartupRefusalAnalyzer}).
 */
public class StartupRefusal extends RuntimeException {

    private final String action;

    /**
     * @param reason one line naming the property at fault
     * @param action what to set to start
     */
    public StartupRefusal(String reason, String action) {
        super(reason);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
