package fr.portail.messages.support;

import fr.portail.messages.support.World.Conversation;
import fr.portail.messages.support.World.Person;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a {@link World} into the database in a few statements, in the caller's transaction (roll it back to leave
 * nothing behind). People get the e-mail {@code <id>@world.test}, no password and e-mails turned off; each
 * conversation gets one message from its author (its subject as text, read by the author) carrying one attachment
 * record (without stored bytes), the newest conversation first.
 */
public final class WorldStore {

    private WorldStore() {}

    /** What the store made besides the world's own ids. */
    public record Stored(Map<UUID, UUID> attachmentOf) {}

    public static Stored insert(JdbcClient jdbc, World world) {
        if (!world.companies().isEmpty()) {
            jdbc.sql("""
                            insert into company (id, external_id, name)
                            select id, 'W-' || id, name from unnest(:ids::uuid[], :names::text[]) as t(id, name)
                            """)
                    .param(
                            "ids",
                            world.companies().stream().map(World.Company::id).toArray(UUID[]::new))
                    .param(
                            "names",
                            world.companies().stream()
                                    .map(c -> c.name() + " " + c.id().toString().substring(0, 8))
                                    .toArray(String[]::new))
                    .update();
        }
        List<Person> people = world.people();
        jdbc.sql("""
                        insert into person (id, email, name, kind, admin, active, email_notifications)
                        select id, id || '@world.test', name, kind, admin, active, false
                          from unnest(:ids::uuid[], :names::text[], :kinds::text[], :admins::boolean[], :actives::boolean[])
                            as t(id, name, kind, admin, active)
                        """)
                .param("ids", people.stream().map(Person::id).toArray(UUID[]::new))
                .param(
                        "names",
                        people.stream()
                                .map(p -> "Person " + world.name(p.id()) + " "
                                        + p.id().toString().substring(0, 8))
                                .toArray(String[]::new))
                .param("kinds", people.stream().map(p -> p.kind().name()).toArray(String[]::new))
                .param("admins", people.stream().map(Person::admin).toArray(Boolean[]::new))
                .param("actives", people.stream().map(Person::active).toArray(Boolean[]::new))
                .update();
        pairs(jdbc, "membership", "person_id", "company_id", people, Person::memberships);
        pairs(jdbc, "favourite", "person_id", "company_id", people, Person::favourites);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Map<UUID, UUID> attachments = new HashMap<>();
        List<Conversation> conversations = world.conversations();
        if (conversations.isEmpty()) {
            return new Stored(attachments);
        }
        int n = conversations.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        UUID[] companies = new UUID[n];
        String[] subjects = new String[n];
        UUID[] authors = new UUID[n];
        Integer[] minutesAgo = new Integer[n];
        UUID[] messages = new UUID[n];
        UUID[] files = new UUID[n];
        List<UUID> participantConversations = new ArrayList<>();
        List<UUID> participantPeople = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Conversation c = conversations.get(i);
            ids[i] = c.id();
            types[i] = c.type().name();
            companies[i] = c.company();
            subjects[i] = c.subject();
            authors[i] = c.author();
            minutesAgo[i] = i;
            messages[i] = UUID.randomUUID();
            files[i] = UUID.randomUUID();
            attachments.put(c.id(), files[i]);
            for (UUID participant : c.participants()) {
                participantConversations.add(c.id());
                participantPeople.add(participant);
            }
        }
        jdbc.sql("""
                        with c as (
                          select t.*, :now::timestamptz - make_interval(mins => t.ago) as at from unnest(:ids::uuid[], :types::text[], :companies::uuid[], :subjects::text[],
                                               :authors::uuid[], :minutesAgo::int[], :messages::uuid[], :files::uuid[])
                            as t(id, type, company_id, subject, author, ago, message, file)
                        ), conversations as (
                          insert into conversation (id, type, company_id, subject, created_by, created_at,
                                                    last_message_at, message_count, last_message_id, attachment_count)
                          select id, type, company_id, subject, author, at, at, 1, message, 1 from c
                        ), messages as (
                          insert into message (id, conversation_id, seq, author_id, html, plain_text, created_at)
                          select message, id, 1, author, '<p>' || subject || '</p>', subject, at from c
                        ), reads as (
                          insert into read_state (person_id, conversation_id, read_count) select author, id, 1 from c
                        )
                        insert into participant (conversation_id, person_id, joined_at, last_message_at)
                        select p.conversation_id, p.person_id, c.at, c.at
                          from unnest(:participantConversations::uuid[], :participantPeople::uuid[])
                            as p(conversation_id, person_id)
                          join c on c.id = p.conversation_id
                        """)
                .param("ids", ids)
                .param("types", types)
                .param("companies", companies)
                .param("subjects", subjects)
                .param("authors", authors)
                .param("minutesAgo", minutesAgo)
                .param("now", now)
                .param("messages", messages)
                .param("files", files)
                .param("participantConversations", participantConversations.toArray(UUID[]::new))
                .param("participantPeople", participantPeople.toArray(UUID[]::new))
                .update();
        // After the messages' statement: a data-modifying CTE does not see the rows of its siblings' foreign keys.
        jdbc.sql("""
                        insert into attachment (id, uploader_id, conversation_id, message_id, storage_key, name,
                                                content_type, size, sha256, created_at)
                        select file, author, id, message, 'world/' || file, 'file.txt', 'text/plain', 0, '', now()
                          from unnest(:ids::uuid[], :authors::uuid[], :messages::uuid[], :files::uuid[])
                            as t(id, author, message, file)
                        """)
                .param("ids", ids)
                .param("authors", authors)
                .param("messages", messages)
                .param("files", files)
                .update();
        return new Stored(attachments);
    }

    private static void pairs(
            JdbcClient jdbc,
            String table,
            String left,
            String right,
            List<Person> people,
            java.util.function.Function<Person, java.util.Set<UUID>> companies) {
        List<UUID> lefts = new ArrayList<>();
        List<UUID> rights = new ArrayList<>();
        for (Person person : people) {
            for (UUID company : companies.apply(person)) {
                lefts.add(person.id());
                rights.add(company);
            }
        }
        if (lefts.isEmpty()) {
            return;
        }
        jdbc.sql("insert into " + table + " (" + left + ", " + right + ") select * from unnest(:l::uuid[], :r::uuid[])")
                .param("l", lefts.toArray(UUID[]::new))
                .param("r", rights.toArray(UUID[]::new))
                .update();
    }
}
