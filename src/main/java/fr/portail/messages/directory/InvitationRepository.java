package fr.portail.messages.directory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface InvitationRepository extends JpaRepository<Invitation, UUID> {

    @Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from Invitation i where i.tokenHash = ?1")
    Optional<Invitation> findByTokenHashForUpdate(String tokenHash);

    Optional<Invitation> findByTokenHash(String tokenHash);

    @Query("select i from Invitation i where i.personId = ?1 and i.usedAt is null")
    List<Invitation> findOpenByPersonId(UUID personId);
}
