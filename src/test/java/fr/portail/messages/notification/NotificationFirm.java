package fr.portail.messages.notification;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.support.TestDirectory;
import java.util.List;
import java.util.UUID;

/**
 * The firm every notification test starts from, built by {@link TestDirectory#firm()}: one company "dup",
 * collaborators alice (starred it), bob (no favourite) and diane (starred it), clients paul (member, starred it) and
 * claire (member, not starred), and an administrator "admin" (no favourite). Everyone signs in with
 * {@link TestDirectory#PASSWORD}. This class only names the firm's people; all creation logic lives in
 * {@link TestDirectory}.
 */
final class NotificationFirm {

    private static final String COMPANY = "dup";

    private final TestDirectory.Firm firm;
    final UUID companyId;
    final Viewer alice;
    final Viewer bob;
    final Viewer diane;
    final Viewer paul;
    final Viewer claire;
    final Viewer admin;

    private NotificationFirm(TestDirectory.Firm firm) {
        this.firm = firm;
        this.companyId = firm.companyId(COMPANY);
        this.alice = firm.viewer("alice");
        this.bob = firm.viewer("bob");
        this.diane = firm.viewer("diane");
        this.paul = firm.viewer("paul");
        this.claire = firm.viewer("claire");
        this.admin = firm.viewer("admin");
    }

    static NotificationFirm create(TestDirectory testDirectory) {
        return new NotificationFirm(testDirectory
                .firm()
                .company(COMPANY)
                .collaborator("alice", COMPANY)
                .collaborator("bob")
                .collaborator("diane", COMPANY)
                .client("paul", List.of(COMPANY), List.of(COMPANY))
                .client("claire", List.of(COMPANY), List.of())
                .administrator("admin")
                .create());
    }

    /** Everyone of the firm gets one e-mail per message, at once (tests of the outbox rather than of the modes). */
    NotificationFirm immediate(EmailPreferences preferences) {
        for (Viewer person : List.of(alice, bob, diane, paul, claire, admin)) {
            preferences.change(person, "IMMEDIATE", null, null);
        }
        return this;
    }

    /** Paul leaves the company (an administrator's import): he loses access to its conversations at once. */
    void paulLeavesTheCompany() {
        firm.changeClient("paul", List.of(), List.of());
    }

    /** The display name of the person {@code key} ("alice", "paul", ...). */
    String name(String key) {
        return firm.name(key);
    }

    /** The display name of the company, as e-mail subjects and pages show it. */
    String companyName() {
        return firm.companyName(COMPANY);
    }

    String suffix() {
        return firm.suffix();
    }
}
