package fr.portail.messages.directory;

import java.util.List;
import java.util.UUID;

/**
 * A person an administrator invites.
 *
 * @param kind collaborator or client; never an administrator at creation (granted afterwards, on purpose)
 * @param companyIds the companies of a client
 */
public record NewPerson(String email, String name, PersonKind kind, List<UUID> companyIds) {

    public NewPerson {
        companyIds = companyIds == null ? List.of() : List.copyOf(companyIds);
    }
}
