package fr.portail.messages.conversation;

/** The three types of conversation; the type decides who may read it (docs/access-rules.md) and never changes. */
public enum ConversationType {
    /** A company's conversation, not confidential. */
    ENTREPRISE,
    /** A company's confidential conversation: clients see it only as participants. */
    CONFIDENTIEL,
    /** A private conversation between its participants, with no company. */
    PRIVE;

    public boolean hasCompany() {
        return this != PRIVE;
    }

    /** Confidential conversations never have their text in e-mails. */
    public boolean isConfidential() {
        return this != ENTREPRISE;
    }
}
