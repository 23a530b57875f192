package fr.portail.messages.notification;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each person's choice of e-mail delivery mode, daily hour and time zone. */
@Service
public class EmailPreferences {

    /** What a person who never chose has. */
    public static final Preference DEFAULT = new Preference(EmailMode.GROUPED, 8, "Europe/Paris");

    /** The time zones offered on the profile page: the regions' zones, without the legacy aliases. */
    static final Set<String> ZONES = zones();

    private final JdbcClient jdbc;
    private final Clock clock;

    EmailPreferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The viewer's preference, the default when never chosen. */
    @Transactional(readOnly = true)
    public Preference of(Viewer viewer) {
        return jdbc.sql("select email_mode, daily_hour, time_zone from email_preference where person_id = ?")
                .param(viewer.id())
                .query((rs, row) -> new Preference(
                        EmailMode.valueOf(rs.getString("email_mode")),
                        rs.getInt("daily_hour"),
                        rs.getString("time_zone")))
                .optional()
                .orElse(DEFAULT);
    }

    /**
     * Changes the viewer's preference; every field is checked and nothing changes when one is wrong.
     *
     * @param mode the new mode, required
     * @param dailyHour 0 to 23; unset keeps the current one
     * @param timeZone an IANA time zone such as {@code Europe/Paris}; unset keeps the current one
     */
    @Transactional
    public Preference change(Viewer viewer, String mode, Integer dailyHour, String timeZone) {
        Preference current = of(viewer);
        List<FieldProblem> problems = new ArrayList<>();
        EmailMode newMode = null;
        try {
            newMode = mode == null ? null : EmailMode.valueOf(mode.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        if (newMode == null) {
            problems.add(FieldProblem.of("emailMode", "preferences.error.mode"));
        }
        int hour = dailyHour == null ? current.dailyHour() : dailyHour;
        if (hour < 0 || hour > 23) {
            problems.add(FieldProblem.of("dailyHour", "preferences.error.hour"));
        }
        String zone = timeZone == null || timeZone.isBlank() ? current.timeZone() : timeZone.strip();
        if (!ZONES.contains(zone)) {
            problems.add(FieldProblem.of("timeZone", "preferences.error.timeZone"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                        insert into email_preference (person_id, email_mode, daily_hour, time_zone, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (person_id) do update set email_mode = excluded.email_mode,
                          daily_hour = excluded.daily_hour, time_zone = excluded.time_zone,
                          updated_at = excluded.updated_at
                        """)
                .params(viewer.id(), newMode.name(), hour, zone, OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .update();
        return new Preference(newMode, hour, zone);
    }

    private static Set<String> zones() {
        Set<String> zones = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+")
                    || id.equals("UTC")) {
                try {
                    ZoneId.of(id);
                    zones.add(id);
                } catch (DateTimeException ignored) {
                    // not usable
                }
            }
        }
        return Set.copyOf(zones);
    }

    /** The time zones offered, sorted. */
    public List<String> zoneChoices() {
        return new TreeSet<>(ZONES).stream().toList();
    }

    /**
     * @param mode how e-mails are sent
     * @param dailyHour the hour of the daily e-mail, 0 to 23
     * @param timeZone the time zone of that hour and of the times shown in e-mails
     */
    public record Preference(EmailMode mode, int dailyHour, String timeZone) {}
}
