package fr.portail.messages.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Times as people read them: "il y a 5 min", and the exact date for tooltips. Used by templates as {@code @times}. */
@Component("times")
public class RelativeTime {

    static final ZoneId FIRM_ZONE = ZoneId.of("Europe/Paris");

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withZone(FIRM_ZONE);
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofLocalizedDateTime(
                    FormatStyle.LONG, FormatStyle.SHORT)
            .withZone(FIRM_ZONE);

    private final MessageSource messages;
    private final Clock clock;
    /** Each page formats dozens of dates: a formatter per language, built once (JFR showed them among the top). */
    private final Map<Locale, DateTimeFormatter> dates = new ConcurrentHashMap<>();

    private final Map<Locale, DateTimeFormatter> exactTimes = new ConcurrentHashMap<>();

    RelativeTime(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public String relative(Instant instant) {
        Locale locale = LocaleContextHolder.getLocale();
        Duration age = Duration.between(instant, clock.instant());
        if (age.toMinutes() < 1) {
            return messages.getMessage("time.now", null, locale);
        }
        if (age.toHours() < 1) {
            return messages.getMessage("time.minutes", new Object[] {age.toMinutes()}, locale);
        }
        if (age.toDays() < 1) {
            return messages.getMessage("time.hours", new Object[] {age.toHours()}, locale);
        }
        if (age.toDays() < 7) {
            return messages.getMessage("time.days", new Object[] {age.toDays()}, locale);
        }
        return dates.computeIfAbsent(locale, DATE::withLocale).format(instant);
    }

    public String exact(Instant instant) {
        return exactTimes
                .computeIfAbsent(LocaleContextHolder.getLocale(), EXACT::withLocale)
                .format(instant);
    }

    public String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
