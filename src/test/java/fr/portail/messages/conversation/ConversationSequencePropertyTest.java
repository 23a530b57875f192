package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.MembershipAdministration;
import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.support.CaseCounter;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.PropertyRun;
import fr.portail.messages.support.World;
import fr.portail.messages.support.World.Conversation;
import fr.portail.messages.support.World.Person;
import fr.portail.messages.support.WorldGenerator;
import fr.portail.messages.support.WorldStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sequences of actions through the real services — starring and unstarring (collaborators and clients), memberships
 * added and removed, deactivation and reactivation, participants added (eligibility included), replies, new
 * conversations — on generated worlds. After every step, for every person and every conversation, the read, reply and
 * download rights (each tried, then rolled back) and the inbox under each filter are what the reference model,
 * carried along the same steps, says.
 */
@IntegrationTest
class ConversationSequencePropertyTest {

    private static final String PROPERTY = "access-sequences";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DirectoryService directory;

    @Autowired
    MembershipAdministration administration;

    @Autowired
    PersonAdministration people;

    @Autowired
    ConversationCommands commands;

    @Autowired
    ConversationReader reader;

    @Autowired
    AttachmentDownloads downloads;

    @Autowired
    InboxQueries inbox;

    private final CaseCounter cases = new CaseCounter(PROPERTY).expect(OUTCOMES);

    /** What an action tries to bring about; the executor picks people and conversations to match when it can. */
    enum Intent {
        STAR_AS_COLLABORATOR,
        STAR_AS_CLIENT,
        UNSTAR_AS_COLLABORATOR,
        UNSTAR_AS_CLIENT,
        JOIN,
        LEAVE,
        DEACTIVATE,
        REACTIVATE,
        ADD_ELIGIBLE,
        ADD_INELIGIBLE,
        ADD_WITHOUT_ACCESS,
        REPLY_AS_NEWCOMER,
        REPLY_AS_PARTICIPANT,
        REPLY_WITHOUT_ACCESS,
        CREATE_VALID,
        CREATE_INVALID
    }

    /** One step; {@code choice} drives every pick, so a step replays the same against the same state. */
    record Action(Intent intent, long choice) {}

    record Sequence(World world, List<Action> actions) {

        Stream<Sequence> smaller() {
            Stream<Sequence> fewerActions = IntStream.range(0, actions.size()).mapToObj(i -> {
                List<Action> rest = new ArrayList<>(actions);
                rest.remove(i);
                return new Sequence(world, rest);
            });
            return Stream.concat(fewerActions, world.smaller().map(w -> new Sequence(w, actions)));
        }

        String describe() {
            return world.describe() + "  actions " + actions;
        }
    }

    private static final String[] OUTCOMES = {
        "star by a collaborator",
        "star by a client",
        "unstar by a collaborator",
        "unstar by a client",
        "membership added",
        "membership removed",
        "deactivated",
        "reactivated",
        "participant added",
        "participant refused: not eligible",
        "participant refused: no access",
        "reply by a newcomer, who becomes a participant",
        "reply by a participant",
        "reply refused",
        "conversation created",
        "creation refused",
        "access gained by a step",
        "access lost by a step"
    };

    @Test
    void rightsAndInboxFollowTheReferenceModelAfterEveryStep() {
        List<Long> seeds = PropertyRun.seeds(PROPERTY, 5);
        PropertyRun.check(
                PROPERTY,
                seeds,
                ConversationSequencePropertyTest::sequence,
                Sequence::smaller,
                Sequence::describe,
                s -> run(s));
        if (PropertyRun.fullRun()) {
            // Each of the 20 sequences tries every kind of step once (two the most often impossible twice); a step
            // finds nobody to act on now and then (no deactivated person to reactivate), hence 10 rather than 20.
            cases.assertEachAtLeast(10);
        }
    }

    static Sequence sequence(long seed) {
        SplittableRandom random = WorldGenerator.random(seed);
        // Smaller worlds than the static property's: every step checks every person and conversation three times.
        World world = WorldGenerator.world(seed, random, 5, 4);
        List<Intent> deck = new ArrayList<>(List.of(Intent.values()));
        deck.add(Intent.REACTIVATE); // often nobody is deactivated yet
        deck.add(Intent.REPLY_AS_NEWCOMER); // often everyone with access already takes part
        Collections.shuffle(deck, new java.util.Random(random.nextLong()));
        return new Sequence(
                world, deck.stream().map(i -> new Action(i, random.nextLong())).toList());
    }

    // ------------------------------------------------------------------ one sequence

    private final class Run {
        World model;
        final Map<UUID, UUID> attachmentOf;
        final Map<UUID, Integer> messages = new HashMap<>();
        final Map<List<UUID>, Integer> read = new HashMap<>();
        final Viewer administrator = directory
                .activeViewerByEmail(IntegrationTest.BOOTSTRAP_ADMIN_EMAIL)
                .orElseThrow();

        Run(World world) {
            model = world;
            attachmentOf = new TransactionTemplate(transactionManager)
                    .execute(status -> WorldStore.insert(jdbc, world))
                    .attachmentOf();
            for (Conversation c : world.conversations()) {
                messages.put(c.id(), 1);
                read.put(List.of(c.author(), c.id()), 1);
            }
        }
    }

    private void run(Sequence sequence) {
        Run run = new Run(sequence.world().withFreshIds());
        check(run, "initial state");
        int step = 0;
        for (Action action : sequence.actions()) {
            step++;
            Map<List<UUID>, Boolean> before = rights(run.model);
            String done = execute(run, action, new SplittableRandom(action.choice()));
            rights(run.model).forEach((pair, granted) -> {
                Boolean was = before.get(pair);
                cases.count("access gained by a step", was != null && !was && granted);
                cases.count("access lost by a step", was != null && was && !granted);
            });
            check(run, "after step " + step + " (" + done + ")");
        }
    }

    private static Map<List<UUID>, Boolean> rights(World world) {
        Map<List<UUID>, Boolean> rights = new HashMap<>();
        for (Person p : world.people()) {
            for (Conversation c : world.conversations()) {
                rights.put(List.of(p.id(), c.id()), ReferenceAccessModel.hasAccess(world, p, c));
            }
        }
        return rights;
    }

    // ------------------------------------------------------------------ actions

    private String execute(Run run, Action action, SplittableRandom random) {
        World w = run.model;
        return switch (action.intent()) {
            case STAR_AS_COLLABORATOR, STAR_AS_CLIENT -> {
                boolean client = action.intent() == Intent.STAR_AS_CLIENT;
                Person actor = pick(
                        random,
                        w.people(),
                        p -> p.active()
                                && p.client() == client
                                && !starrable(w, p).isEmpty());
                if (actor == null) {
                    yield "nothing to star";
                }
                UUID company = WorldGenerator.pick(random, starrable(w, actor));
                directory.star(viewer(actor), company);
                run.model = w.star(actor.id(), company);
                cases.count(actor.client() ? "star by a client" : "star by a collaborator");
                yield w.name(actor.id()) + " stars " + w.name(company);
            }
            case UNSTAR_AS_COLLABORATOR, UNSTAR_AS_CLIENT -> {
                boolean client = action.intent() == Intent.UNSTAR_AS_CLIENT;
                Person actor = pick(
                        random,
                        w.people(),
                        p -> p.active()
                                && p.client() == client
                                && !p.favourites().isEmpty());
                if (actor == null) {
                    yield "nothing to unstar";
                }
                UUID company = WorldGenerator.pick(random, List.copyOf(actor.favourites()));
                directory.unstar(viewer(actor), company);
                run.model = w.unstar(actor.id(), company);
                cases.count(actor.client() ? "unstar by a client" : "unstar by a collaborator");
                yield w.name(actor.id()) + " unstars " + w.name(company);
            }
            case JOIN -> {
                Person client = pick(
                        random,
                        w.people(),
                        p -> p.client()
                                && p.memberships().size() < w.companies().size());
                if (client == null) {
                    yield "nobody to make a member";
                }
                UUID company = WorldGenerator.pick(
                        random,
                        w.companies().stream()
                                .map(World.Company::id)
                                .filter(id -> !client.memberships().contains(id))
                                .toList());
                administration.addCompanies(run.administrator, client.id(), List.of(company));
                run.model = w.join(client.id(), company);
                cases.count("membership added");
                yield w.name(client.id()) + " joins " + w.name(company);
            }
            case LEAVE -> {
                Person client = pick(random, w.people(), p -> !p.memberships().isEmpty());
                if (client == null) {
                    yield "no membership to remove";
                }
                UUID company = WorldGenerator.pick(random, List.copyOf(client.memberships()));
                administration.removeMembership(run.administrator, client.id(), company);
                run.model = w.leave(client.id(), company);
                cases.count("membership removed");
                yield w.name(client.id()) + " leaves " + w.name(company);
            }
            case DEACTIVATE -> {
                Person person = pick(random, w.people(), Person::active);
                if (person == null) {
                    yield "nobody to deactivate";
                }
                people.deactivate(run.administrator, person.id());
                run.model = w.active(person.id(), false);
                cases.count("deactivated");
                yield w.name(person.id()) + " deactivated";
            }
            case REACTIVATE -> {
                Person person = pick(random, w.people(), p -> !p.active());
                if (person == null) {
                    yield "nobody to reactivate";
                }
                people.activate(run.administrator, person.id());
                run.model = w.active(person.id(), true);
                cases.count("reactivated");
                yield w.name(person.id()) + " reactivated";
            }
            case ADD_ELIGIBLE, ADD_INELIGIBLE, ADD_WITHOUT_ACCESS -> addParticipant(run, action.intent(), random);
            case REPLY_AS_NEWCOMER, REPLY_AS_PARTICIPANT, REPLY_WITHOUT_ACCESS -> reply(run, action.intent(), random);
            case CREATE_VALID, CREATE_INVALID -> create(run, action.intent() == Intent.CREATE_VALID, random);
        };
    }

    private String addParticipant(Run run, Intent intent, SplittableRandom random) {
        World w = run.model;
        boolean withAccess = intent != Intent.ADD_WITHOUT_ACCESS;
        List<List<Object>> options = new ArrayList<>();
        for (Person actor : w.people()) {
            for (Conversation c : w.conversations()) {
                if (!actor.active() || ReferenceAccessModel.hasAccess(w, actor, c) != withAccess) {
                    continue;
                }
                for (Person candidate : w.people()) {
                    boolean eligible = ReferenceAccessModel.mayDesignate(actor, c.type(), c.company(), candidate);
                    if (!withAccess || eligible == (intent == Intent.ADD_ELIGIBLE)) {
                        options.add(List.of(actor, c, candidate));
                    }
                }
            }
        }
        if (options.isEmpty()) {
            return "no one to add for " + intent;
        }
        List<Object> chosen = WorldGenerator.pick(random, options);
        Person actor = (Person) chosen.get(0);
        Conversation c = (Conversation) chosen.get(1);
        Person candidate = (Person) chosen.get(2);
        String what = w.name(actor.id()) + " adds " + w.name(candidate.id()) + " to " + w.name(c.id());
        boolean eligible = ReferenceAccessModel.mayDesignate(actor, c.type(), c.company(), candidate);
        Class<? extends RuntimeException> refusal =
                !withAccess ? NotFoundException.class : eligible ? null : InvalidInputException.class;
        expectOutcome(what, refusal, () -> commands.addParticipants(viewer(actor), c.id(), List.of(candidate.id())));
        if (refusal == null) {
            run.model = w.addParticipants(c.id(), Set.of(candidate.id()));
        }
        cases.count(
                refusal == null
                        ? "participant added"
                        : withAccess ? "participant refused: not eligible" : "participant refused: no access");
        return what;
    }

    private String reply(Run run, Intent intent, SplittableRandom random) {
        World w = run.model;
        List<List<Object>> options = new ArrayList<>();
        for (Person actor : w.people()) {
            for (Conversation c : w.conversations()) {
                boolean access = actor.active() && ReferenceAccessModel.hasAccess(w, actor, c);
                boolean participant = c.participants().contains(actor.id());
                boolean fits = switch (intent) {
                    case REPLY_AS_NEWCOMER -> access && !participant;
                    case REPLY_AS_PARTICIPANT -> access && participant;
                    default -> actor.active() && !access;
                };
                if (fits) {
                    options.add(List.of(actor, c));
                }
            }
        }
        if (options.isEmpty()) {
            return "no one to reply for " + intent;
        }
        List<Object> chosen = WorldGenerator.pick(random, options);
        Person actor = (Person) chosen.get(0);
        Conversation c = (Conversation) chosen.get(1);
        String what = w.name(actor.id()) + " replies to " + w.name(c.id());
        boolean access = intent != Intent.REPLY_WITHOUT_ACCESS;
        expectOutcome(
                what,
                access ? null : NotFoundException.class,
                () -> commands.reply(viewer(actor), c.id(), "<p>Réponse</p>", List.of()));
        if (access) {
            run.model = w.addParticipants(c.id(), Set.of(actor.id()));
            int count = run.messages.merge(c.id(), 1, Integer::sum);
            run.read.put(List.of(actor.id(), c.id()), count);
        }
        cases.count(
                switch (intent) {
                    case REPLY_AS_NEWCOMER -> "reply by a newcomer, who becomes a participant";
                    case REPLY_AS_PARTICIPANT -> "reply by a participant";
                    default -> "reply refused";
                });
        return what;
    }

    private String create(Run run, boolean valid, SplittableRandom random) {
        World w = run.model;
        Person author = pick(random, w.people(), Person::active);
        if (author == null) {
            return "nobody to create";
        }
        World.Type type = WorldGenerator.pick(random, List.of(World.Type.values()));
        List<UUID> companies = w.companies().stream()
                .map(World.Company::id)
                .filter(id -> !valid || ReferenceAccessModel.mayCreateOn(author, type, id))
                .toList();
        if (valid && type != World.Type.PRIVE && companies.isEmpty()) {
            return "no company to create on";
        }
        UUID company = type == World.Type.PRIVE || companies.isEmpty() ? null : WorldGenerator.pick(random, companies);
        Set<UUID> participants = new LinkedHashSet<>();
        for (Person candidate : w.people()) {
            boolean eligible = ReferenceAccessModel.mayDesignate(author, type, company, candidate);
            if ((eligible || !valid) && !candidate.id().equals(author.id()) && random.nextInt(3) > 0) {
                participants.add(candidate.id());
            }
        }
        boolean expected = ReferenceAccessModel.mayCreateOn(author, type, company)
                && !participants.isEmpty()
                && participants.stream()
                        .allMatch(id -> ReferenceAccessModel.mayDesignate(author, type, company, w.person(id)));
        String what = w.name(author.id()) + " creates " + type + (company == null ? "" : " on " + w.name(company))
                + " with " + participants.stream().map(w::name).toList();
        UUID[] created = new UUID[1];
        expectOutcome(
                what,
                expected ? null : InvalidInputException.class,
                () -> created[0] = commands.create(
                        viewer(author),
                        new NewConversation(
                                ConversationType.valueOf(type.name()),
                                company,
                                List.copyOf(participants),
                                "Created",
                                "<p>Bonjour</p>")));
        if (expected) {
            Set<UUID> all = new LinkedHashSet<>(participants);
            all.add(author.id());
            run.model = w.add(new Conversation(created[0], type, company, "Created", author.id(), all));
            run.messages.put(created[0], 1);
            run.read.put(List.of(author.id(), created[0]), 1);
        }
        cases.count(expected ? "conversation created" : "creation refused");
        return what;
    }

    private static void expectOutcome(String what, Class<? extends RuntimeException> refusal, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            assertThat(e).as("%s: refused", what).isInstanceOf(refusal == null ? Void.class : refusal);
            return;
        }
        assertThat(refusal).as("%s: accepted", what).isNull();
    }

    private static List<UUID> starrable(World w, Person p) {
        return w.companies().stream()
                .map(World.Company::id)
                .filter(id -> !p.favourites().contains(id)
                        && (!p.client() || p.memberships().contains(id)))
                .toList();
    }

    private static Person pick(SplittableRandom random, List<Person> people, Predicate<Person> fits) {
        List<Person> fitting = people.stream().filter(fits).toList();
        return fitting.isEmpty() ? null : WorldGenerator.pick(random, fitting);
    }

    private static Viewer viewer(Person person) {
        return new Viewer(
                person.id(),
                "Person",
                person.id() + "@world.test",
                person.client() ? PersonKind.CLIENT : PersonKind.COLLABORATOR,
                person.admin());
    }

    // ------------------------------------------------------------------ checks

    private void check(Run run, String when) {
        World w = run.model;
        for (Person person : w.people()) {
            checkInbox(run, person, when);
            checkRights(run, person, when);
        }
    }

    /** Read, download and reply, each tried in a transaction rolled back afterwards, so that the state stays. */
    private void checkRights(Run run, Person person, String when) {
        World w = run.model;
        Viewer viewer = viewer(person);
        TransactionTemplate rolledBack = new TransactionTemplate(transactionManager);
        rolledBack.executeWithoutResult(status -> {
            status.setRollbackOnly();
            for (Conversation c : w.conversations()) {
                boolean expected = ReferenceAccessModel.hasAccess(w, person, c);
                String pair = when + ": " + w.name(person.id()) + " on " + w.name(c.id());
                assertThat(allowed(() -> reader.open(viewer, c.id())))
                        .as("%s: read", pair)
                        .isEqualTo(expected);
                UUID attachment = run.attachmentOf.get(c.id());
                if (attachment != null) {
                    assertThat(allowed(() -> downloads.authoriseDownload(viewer, attachment)))
                            .as("%s: download", pair)
                            .isEqualTo(expected);
                }
                assertThat(allowed(() -> commands.reply(viewer, c.id(), "<p>Essai</p>", List.of())))
                        .as("%s: reply", pair)
                        .isEqualTo(expected);
            }
        });
    }

    private static boolean allowed(Runnable call) {
        try {
            call.run();
            return true;
        } catch (NotFoundException refused) {
            return false;
        }
    }

    /** The inbox under no filter, each type, each company, "participant only" and "unread only". */
    private void checkInbox(Run run, Person person, String when) {
        World w = run.model;
        Viewer viewer = viewer(person);
        Map<String, InboxFilter> filters = new java.util.LinkedHashMap<>();
        Map<String, Predicate<Conversation>> expected = new HashMap<>();
        filters.put("no filter", InboxFilter.none());
        expected.put("no filter", c -> true);
        for (World.Type type : World.Type.values()) {
            filters.put(type.name(), new InboxFilter(ConversationType.valueOf(type.name()), null, false, false));
            expected.put(type.name(), c -> c.type() == type);
        }
        for (World.Company company : w.companies()) {
            String name = w.name(company.id());
            filters.put(name, new InboxFilter(null, company.id(), false, false));
            expected.put(name, c -> company.id().equals(c.company()));
        }
        filters.put("participant only", new InboxFilter(null, null, true, false));
        expected.put("participant only", c -> c.participants().contains(person.id()));
        filters.put("unread only", new InboxFilter(null, null, false, true));
        expected.put(
                "unread only", c -> run.messages.get(c.id()) > run.read.getOrDefault(List.of(person.id(), c.id()), 0));
        filters.forEach((name, filter) -> {
            Set<UUID> listed = inbox.inbox(viewer, filter, null).items().stream()
                    .map(InboxPage.Item::id)
                    .collect(Collectors.toSet());
            Set<UUID> wanted = w.conversations().stream()
                    .filter(c -> ReferenceAccessModel.hasAccess(w, person, c))
                    .filter(expected.get(name))
                    .map(Conversation::id)
                    .collect(Collectors.toCollection(HashSet::new));
            assertThat(names(w, listed))
                    .as("%s: inbox of %s, %s", when, w.name(person.id()), name)
                    .isEqualTo(names(w, wanted));
        });
    }

    private static Set<String> names(World w, Set<UUID> ids) {
        return ids.stream().map(w::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
