package fr.portail.messages.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PersonRepository extends JpaRepository<Person, UUID> {

    @Query("select p from Person p where lower(p.email) = lower(?1)")
    Optional<Person> findByEmail(String email);

    @Query("select p from Person p where lower(p.email) in ?1")
    List<Person> findByEmails(Collection<String> lowerCaseEmails);

    boolean existsByAdminTrueAndActiveTrue();
}
