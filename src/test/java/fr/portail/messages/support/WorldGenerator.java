package fr.portail.messages.support;

import fr.portail.messages.support.World.Company;
import fr.portail.messages.support.World.Conversation;
import fr.portail.messages.support.World.Kind;
import fr.portail.messages.support.World.Person;
import fr.portail.messages.support.World.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Random small firms, the same for the same seed: 1 to 3 companies, 2 to 7 people (half clients, some
 * administrators, some deactivated, clients of zero to three companies starring some of them, collaborators starring
 * any), 1 to 6 conversations of any type whose participants are anyone — so that worlds also hold the states that
 * history leaves behind, such as a client participant who has left the company.
 *
 * <p>Usage: {@code World world = WorldGenerator.world(seed);} with the seeds of {@link PropertyRun}; {@link
 * #random(long)} gives the generator of that seed for tests that go on drawing (sequences of actions).
 */
public final class WorldGenerator {

    private WorldGenerator() {}

    /** The world of this seed. */
    public static World world(long seed) {
        return world(seed, random(seed));
    }

    /** The random source of this seed; {@link #world(long, SplittableRandom)} draws the world first from it. */
    public static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }

    /** Draws a world from {@code random}, recording {@code seed} in it. */
    public static World world(long seed, SplittableRandom random) {
        return world(seed, random, 7, 6);
    }

    /** The same with at most {@code maxPeople} people (at least 2) and {@code maxConversations} conversations. */
    public static World world(long seed, SplittableRandom random, int maxPeople, int maxConversations) {
        List<Company> companies = new ArrayList<>();
        int companyCount = 1 + random.nextInt(3);
        for (int i = 0; i < companyCount; i++) {
            companies.add(new Company(uuid(random), "Company " + i));
        }
        List<Person> people = new ArrayList<>();
        int peopleCount = 2 + random.nextInt(maxPeople - 1);
        for (int i = 0; i < peopleCount; i++) {
            people.add(person(random, companies));
        }
        List<Conversation> conversations = new ArrayList<>();
        int conversationCount = 1 + random.nextInt(maxConversations);
        for (int i = 0; i < conversationCount; i++) {
            conversations.add(conversation(random, companies, people, "Subject " + i));
        }
        return new World(seed, companies, people, conversations);
    }

    private static Person person(SplittableRandom random, List<Company> companies) {
        boolean client = random.nextBoolean();
        boolean admin = !client && random.nextInt(4) == 0;
        boolean active = random.nextInt(7) > 0;
        Set<UUID> memberships = new HashSet<>();
        Set<UUID> favourites = new HashSet<>();
        for (Company company : companies) {
            boolean member = client && random.nextInt(3) > 0;
            if (member) {
                memberships.add(company.id());
            }
            if ((member || !client) && random.nextBoolean()) {
                favourites.add(company.id());
            }
        }
        return new Person(
                uuid(random), client ? Kind.CLIENT : Kind.COLLABORATOR, admin, active, memberships, favourites);
    }

    /** A conversation of any type on any company, with any non-empty set of participants, the first as author. */
    public static Conversation conversation(
            SplittableRandom random, List<Company> companies, List<Person> people, String subject) {
        Type type = pick(random, List.of(Type.values()));
        UUID company = type == Type.PRIVE ? null : pick(random, companies).id();
        Set<UUID> participants = new LinkedHashSet<>();
        participants.add(pick(random, people).id());
        for (Person person : people) {
            if (random.nextInt(3) == 0) {
                participants.add(person.id());
            }
        }
        return new Conversation(
                uuid(random), type, company, subject, participants.iterator().next(), participants);
    }

    public static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** Ids from the seed too, so that a replayed world is the same world. */
    public static UUID uuid(SplittableRandom random) {
        return new UUID(random.nextLong(), random.nextLong());
    }
}
