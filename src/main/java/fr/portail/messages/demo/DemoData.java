package fr.portail.messages.demo;

import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.directory.DirectoryFile;
import fr.portail.messages.directory.DirectoryFile.CompanyEntry;
import fr.portail.messages.directory.DirectoryFile.PersonEntry;
import fr.portail.messages.directory.DirectoryImporter;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.ImportResult;
import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.firm.FirmIdentityService;
import fr.portail.messages.firm.SecondFactorSetting;
import fr.portail.messages.platform.ExternalDatabase;
import fr.portail.messages.platform.MessagesProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads the demo firm into an empty database through the same importer and services as real use. On by default with
 * the embedded database, off with an external one unless {@code messages.demo-data=true}.
 */
@Component
class DemoData implements SmartLifecycle {

    /**
     * After the bootstrap administrator, before the web server (whose phase is near {@code Integer.MAX_VALUE}): a
     * sign-in in the first second already finds the demo firm.
     */
    static final int PHASE = -100;

    /** The password of every demo account; also in the README. */
    static final String PASSWORD = "Messages-Demo-2026";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final MessagesProperties properties;
    private final Environment environment;
    private final JdbcClient jdbc;
    private final DirectoryImporter importer;
    private final InvitationService invitations;
    private final DirectoryService directory;
    private final ConversationCommands conversations;
    private final FirmIdentityService firmIdentity;
    private final SecondFactorSetting secondFactor;

    DemoData(
            MessagesProperties properties,
            Environment environment,
            JdbcClient jdbc,
            DirectoryImporter importer,
            InvitationService invitations,
            DirectoryService directory,
            ConversationCommands conversations,
            FirmIdentityService firmIdentity,
            SecondFactorSetting secondFactor) {
        this.properties = properties;
        this.environment = environment;
        this.jdbc = jdbc;
        this.importer = importer;
        this.invitations = invitations;
        this.directory = directory;
        this.conversations = conversations;
        this.firmIdentity = firmIdentity;
        this.secondFactor = secondFactor;
    }

    boolean enabled() {
        return properties.demoData() != null ? properties.demoData() : !ExternalDatabase.isConfigured(environment);
    }

    private volatile boolean running;

    @Override
    public void start() {
        load();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    void load() {
        if (!enabled()) {
            return;
        }
        if (jdbc.sql("select count(*) from person").query(Long.class).single() > 0) {
            logAccounts();
            return;
        }
        DemoFirmIdentity.apply(firmIdentity);
        // The demo accounts sign in with their password alone; the administration page shows how to turn it on.
        if (!secondFactor.fixedByProperty()) {
            secondFactor.change(null, "none");
        }
        ImportResult result = importer.importDirectory(firm(), null);
        for (ImportResult.InvitationLink link : result.invitations()) {
            String token = link.url().substring(link.url().lastIndexOf('/') + 1);
            invitations.accept(token, PASSWORD, PASSWORD);
        }
        Map<String, Viewer> people = result.users().stream()
                .collect(Collectors.toMap(
                        ImportResult.PersonId::email,
                        person -> directory.activeViewer(person.id()).orElseThrow()));
        Map<String, UUID> companies = result.companies().stream()
                .collect(Collectors.toMap(ImportResult.CompanyId::externalId, ImportResult.CompanyId::id));
        conversationsOf(people, companies);
        log.info("Demo firm loaded");
        logAccounts();
    }

    private void logAccounts() {
        // Only the demo firm's own accounts: a database that also holds real people never has them listed.
        List<String> demoEmails = firm().users().stream()
                .map(user -> user.email().toLowerCase(java.util.Locale.ROOT))
                .toList();
        var accounts = jdbc.sql("select email, name, kind, admin from person"
                        + " where active and lower(email) in (:emails) order by kind, email")
                .param("emails", demoEmails)
                .query((rs, row) -> "  %-42s %-18s %s%s"
                        .formatted(
                                rs.getString("email"),
                                rs.getString("name"),
                                rs.getString("kind"),
                                rs.getBoolean("admin") ? " (administrator)" : ""))
                .list();
        log.info(
                "Demo accounts (password for all: {}):\n{}\nOpen http://localhost:8080 to sign in.",
                PASSWORD,
                String.join("\n", accounts));
    }

    private static DirectoryFile firm() {
        return new DirectoryFile(
                List.of(
                        new CompanyEntry("DUP-001", "Boulangerie Dupont"),
                        new CompanyEntry("GAR-002", "Garage Lefèvre"),
                        new CompanyEntry("PHA-003", "Pharmacie Moreau"),
                        new CompanyEntry("ARC-004", "Roux Architectes"),
                        new CompanyEntry("BIO-005", "Biocoop des Halles")),
                List.of(
                        collaborator("alice.martin@cabinet.example", "Alice Martin", true, "DUP-001", "GAR-002"),
                        collaborator("bruno.lefort@cabinet.example", "Bruno Lefort", false, "PHA-003", "ARC-004"),
                        collaborator("claire.dubois@cabinet.example", "Claire Dubois", false),
                        client("paul.dupont@dupont.example", "Paul Dupont", List.of("DUP-001"), List.of("DUP-001")),
                        client("marie.dupont@dupont.example", "Marie Dupont", List.of("DUP-001"), List.of("DUP-001")),
                        client("luc.petit@dupont.example", "Luc Petit", List.of("DUP-001"), List.of()),
                        client(
                                "sophie.lefevre@garage-lefevre.example",
                                "Sophie Lefèvre",
                                List.of("GAR-002"),
                                List.of("GAR-002")),
                        client(
                                "jean.moreau@pharmacie-moreau.example",
                                "Jean Moreau",
                                List.of("PHA-003", "BIO-005"),
                                List.of("PHA-003")),
                        client(
                                "emma.roux@roux-architectes.example",
                                "Emma Roux",
                                List.of("ARC-004"),
                                List.of("ARC-004"))));
    }

    private static PersonEntry collaborator(String email, String name, boolean admin, String... favourites) {
        return new PersonEntry(email, name, "COLLABORATOR", admin, List.of(), List.of(favourites));
    }

    private static PersonEntry client(String email, String name, List<String> companies, List<String> favourites) {
        return new PersonEntry(email, name, "CLIENT", false, companies, favourites);
    }

    private void conversationsOf(Map<String, Viewer> people, Map<String, UUID> companies) {
        Viewer alice = people.get("alice.martin@cabinet.example");
        Viewer bruno = people.get("bruno.lefort@cabinet.example");
        Viewer claire = people.get("claire.dubois@cabinet.example");
        Viewer paul = people.get("paul.dupont@dupont.example");
        Viewer marie = people.get("marie.dupont@dupont.example");
        Viewer sophie = people.get("sophie.lefevre@garage-lefevre.example");
        Viewer jean = people.get("jean.moreau@pharmacie-moreau.example");
        Viewer emma = people.get("emma.roux@roux-architectes.example");

        UUID bilan = create(
                alice,
                ConversationType.ENTREPRISE,
                companies.get("DUP-001"),
                "Bilan 2025 : pièces à fournir",
                "<p>Bonjour Paul,</p><p>Pour préparer le <strong>bilan 2025</strong>, merci de nous transmettre :</p>"
                        + "<ul><li>les relevés bancaires de décembre ;</li><li>l'inventaire du stock au 31/12 ;</li>"
                        + "<li>les factures d'achat du four.</li></ul><p>Bonne journée,<br>Alice</p>",
                paul);
        conversations.reply(
                paul, bilan, "<p>Bonjour Alice, je vous envoie tout cela <em>avant vendredi</em>.</p>", List.of());
        create(
                alice,
                ConversationType.ENTREPRISE,
                companies.get("DUP-001"),
                "Point interne : dossier Dupont",
                "<p>Claire, peux-tu vérifier les immobilisations avant la clôture ? (conversation interne au cabinet)</p>",
                claire);
        create(
                alice,
                ConversationType.CONFIDENTIEL,
                companies.get("DUP-001"),
                "Rémunération du gérant",
                "<p>Paul, voici notre proposition de rémunération pour 2026. Ce fil est <u>confidentiel</u>.</p>",
                paul);
        create(
                bruno,
                ConversationType.PRIVE,
                null,
                "Votre déclaration de revenus personnelle",
                "<p>Bonjour Monsieur Moreau, pouvez-vous nous transmettre votre avis d'imposition ?</p>",
                jean);
        create(
                sophie,
                ConversationType.ENTREPRISE,
                companies.get("GAR-002"),
                "Question TVA sur les réparations",
                "<p>Bonjour, quel taux de TVA appliquer aux réparations pour les particuliers ?</p>",
                alice);
        create(
                bruno,
                ConversationType.CONFIDENTIEL,
                companies.get("PHA-003"),
                "Projet de cession de l'officine",
                "<blockquote>Étude préalable à la cession</blockquote><p>Voici les premières estimations.</p>",
                jean);
        create(
                emma,
                ConversationType.ENTREPRISE,
                companies.get("ARC-004"),
                "Note de frais des chantiers",
                "<p>Comment classer les frais de déplacement des chantiers ?</p>",
                bruno);
        create(
                paul,
                ConversationType.PRIVE,
                null,
                "Organisation des congés d'été",
                "<p>Marie, on en parle avec le cabinet avant de fixer les dates ?</p>",
                marie);
        create(
                claire,
                ConversationType.ENTREPRISE,
                companies.get("BIO-005"),
                "Inventaire de fin d'année",
                "<p>Bonjour Jean, l'inventaire de la Biocoop est-il prévu le 31 décembre ?</p>",
                jean);
    }

    private UUID create(
            Viewer author, ConversationType type, UUID companyId, String subject, String html, Viewer... participants) {
        return conversations.create(
                author,
                new NewConversation(
                        type,
                        companyId,
                        java.util.Arrays.stream(participants).map(Viewer::id).toList(),
                        subject,
                        html));
    }
}
