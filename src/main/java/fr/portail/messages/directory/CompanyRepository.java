package fr.portail.messages.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CompanyRepository extends JpaRepository<Company, UUID> {

    Optional<Company> findByExternalId(String externalId);

    List<Company> findByExternalIdIn(Collection<String> externalIds);
}
