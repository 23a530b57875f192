package fr.portail.messages.web;

import org.springframework.stereotype.Component;

/** Counts of the header's badges as templates show them ({@code @counts}). */
@Component("counts")
class CountLabels {

    /**
     * The count, or "99+" style when it reached {@code cap}: the services stop counting there, so the real number may
     * be higher.
     */
    public String capped(int count, int cap) {
        return count >= cap ? (cap - 1) + "+" : Integer.toString(count);
    }
}
