package fr.portail.messages.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A small firm as plain data — companies, people with their memberships and favourites, conversations with their
 * participants — made by {@link WorldGenerator}, stored by {@link WorldStore}. It imports nothing from the
 * application, so that the reference model reading it stays independent. Immutable: every change returns a new world,
 * which lets a test keep the expected state next to the database, and shrink a failing world one element at a time
 * ({@link #smaller()}).
 *
 * @param seed the seed that generated it ({@code -Dworld.seed=…} replays it)
 */
public record World(long seed, List<Company> companies, List<Person> people, List<Conversation> conversations) {

    public enum Kind {
        COLLABORATOR,
        CLIENT
    }

    /** The three types, by the names the database stores. */
    public enum Type {
        ENTREPRISE,
        CONFIDENTIEL,
        PRIVE
    }

    public record Company(UUID id, String name) {}

    /** A client's favourites are among its memberships; a collaborator has no membership. */
    public record Person(
            UUID id, Kind kind, boolean admin, boolean active, Set<UUID> memberships, Set<UUID> favourites) {

        public boolean client() {
            return kind == Kind.CLIENT;
        }

        Person with(boolean active, Set<UUID> memberships, Set<UUID> favourites) {
            return new Person(id, kind, admin, active, Set.copyOf(memberships), Set.copyOf(favourites));
        }
    }

    /**
     * @param company {@code null} for {@link Type#PRIVE}
     * @param author always one of the participants
     */
    public record Conversation(UUID id, Type type, UUID company, String subject, UUID author, Set<UUID> participants) {}

    public World {
        companies = List.copyOf(companies);
        people = List.copyOf(people);
        conversations = List.copyOf(conversations);
    }

    public Person person(UUID id) {
        return people.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    public Conversation conversation(UUID id) {
        return conversations.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    public boolean hasPerson(UUID id) {
        return people.stream().anyMatch(p -> p.id().equals(id));
    }

    // ------------------------------------------------------------------ changes, each giving a new world

    public World star(UUID person, UUID company) {
        return changePerson(person, p -> p.with(p.active(), p.memberships(), plus(p.favourites(), company)));
    }

    public World unstar(UUID person, UUID company) {
        return changePerson(person, p -> p.with(p.active(), p.memberships(), minus(p.favourites(), company)));
    }

    public World join(UUID person, UUID company) {
        return changePerson(person, p -> p.with(p.active(), plus(p.memberships(), company), p.favourites()));
    }

    /** Leaving a company takes its star away too. */
    public World leave(UUID person, UUID company) {
        return changePerson(
                person, p -> p.with(p.active(), minus(p.memberships(), company), minus(p.favourites(), company)));
    }

    public World active(UUID person, boolean active) {
        return changePerson(person, p -> p.with(active, p.memberships(), p.favourites()));
    }

    public World addParticipants(UUID conversation, Set<UUID> people) {
        return new World(
                seed,
                companies,
                this.people,
                conversations.stream()
                        .map(c -> c.id().equals(conversation)
                                ? new Conversation(
                                        c.id(), c.type(), c.company(), c.subject(), c.author(), union(c, people))
                                : c)
                        .toList());
    }

    public World add(Conversation conversation) {
        List<Conversation> all = new ArrayList<>(conversations);
        all.add(conversation);
        return new World(seed, companies, people, all);
    }

    private World changePerson(UUID id, UnaryOperator<Person> change) {
        return new World(
                seed,
                companies,
                people.stream()
                        .map(p -> p.id().equals(id) ? change.apply(p) : p)
                        .toList(),
                conversations);
    }

    /**
     * The same world under new random ids, for a test that stores and commits the world more than once (a replay, a
     * shrinking step) in the one database.
     */
    public World withFreshIds() {
        java.util.Map<UUID, UUID> ids = new java.util.HashMap<>();
        UnaryOperator<UUID> fresh = id -> id == null ? null : ids.computeIfAbsent(id, old -> UUID.randomUUID());
        return new World(
                seed,
                companies.stream()
                        .map(c -> new Company(fresh.apply(c.id()), c.name()))
                        .toList(),
                people.stream()
                        .map(p -> new Person(
                                fresh.apply(p.id()),
                                p.kind(),
                                p.admin(),
                                p.active(),
                                map(p.memberships(), fresh),
                                map(p.favourites(), fresh)))
                        .toList(),
                conversations.stream()
                        .map(c -> new Conversation(
                                fresh.apply(c.id()),
                                c.type(),
                                fresh.apply(c.company()),
                                c.subject(),
                                fresh.apply(c.author()),
                                map(c.participants(), fresh)))
                        .toList());
    }

    private static Set<UUID> map(Set<UUID> ids, UnaryOperator<UUID> change) {
        return ids.stream().map(change).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // ------------------------------------------------------------------ shrinking

    /**
     * Every world one step smaller: without one person (and their participations; a conversation left without
     * participants goes too), without one conversation, without one favourite, without one membership (and its
     * favourite). A test that fails keeps the first smaller world that still fails, until none does.
     */
    public Stream<World> smaller() {
        Stream<World> withoutPerson = people.stream().map(p -> withoutPerson(p.id()));
        Stream<World> withoutConversation =
                conversations.stream().map(c -> new World(seed, companies, people, minus(conversations, c)));
        Stream<World> withoutStar =
                people.stream().flatMap(p -> p.favourites().stream().map(company -> unstar(p.id(), company)));
        Stream<World> withoutMembership =
                people.stream().flatMap(p -> p.memberships().stream().map(company -> leave(p.id(), company)));
        return Stream.of(withoutPerson, withoutConversation, withoutStar, withoutMembership)
                .flatMap(s -> s);
    }

    private World withoutPerson(UUID id) {
        List<Conversation> kept = new ArrayList<>();
        for (Conversation c : conversations) {
            Set<UUID> participants = minus(c.participants(), id);
            if (!participants.isEmpty()) {
                UUID author = participants.contains(c.author())
                        ? c.author()
                        : participants.iterator().next();
                kept.add(new Conversation(c.id(), c.type(), c.company(), c.subject(), author, participants));
            }
        }
        return new World(
                seed, companies, people.stream().filter(p -> !p.id().equals(id)).toList(), kept);
    }

    /** People and conversations by short names (p0, c1, co2), for failure messages. */
    public String describe() {
        StringBuilder text = new StringBuilder("world seed=" + seed + "\n");
        for (Person p : people) {
            text.append("  ")
                    .append(name(p.id()))
                    .append(' ')
                    .append(p.kind())
                    .append(p.admin() ? " admin" : "")
                    .append(p.active() ? "" : " DEACTIVATED")
                    .append(" member of ")
                    .append(names(p.memberships()))
                    .append(" starred ")
                    .append(names(p.favourites()))
                    .append('\n');
        }
        for (Conversation c : conversations) {
            text.append("  ")
                    .append(name(c.id()))
                    .append(' ')
                    .append(c.type())
                    .append(c.company() == null ? "" : " of " + name(c.company()))
                    .append(" by ")
                    .append(name(c.author()))
                    .append(" participants ")
                    .append(names(c.participants()))
                    .append('\n');
        }
        return text.toString();
    }

    /** The short name of a company, person or conversation of this world. */
    public String name(UUID id) {
        for (int i = 0; i < companies.size(); i++) {
            if (companies.get(i).id().equals(id)) {
                return "co" + i;
            }
        }
        for (int i = 0; i < people.size(); i++) {
            if (people.get(i).id().equals(id)) {
                return "p" + i;
            }
        }
        for (int i = 0; i < conversations.size(); i++) {
            if (conversations.get(i).id().equals(id)) {
                return "c" + i;
            }
        }
        return id.toString();
    }

    private String names(Set<UUID> ids) {
        return ids.stream().map(this::name).sorted().collect(Collectors.joining(",", "[", "]"));
    }

    private static Set<UUID> union(Conversation c, Set<UUID> people) {
        Set<UUID> all = new LinkedHashSet<>(c.participants());
        all.addAll(people);
        return all;
    }

    private static Set<UUID> plus(Set<UUID> set, UUID element) {
        Set<UUID> copy = new HashSet<>(set);
        copy.add(element);
        return copy;
    }

    private static Set<UUID> minus(Set<UUID> set, UUID element) {
        Set<UUID> copy = new LinkedHashSet<>(set);
        copy.remove(element);
        return copy;
    }

    private static <T> List<T> minus(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.remove(element);
        return copy;
    }
}
