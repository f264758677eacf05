package dev.ticketpay.qr.checkin.web;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.ticketpay.qr.checkin.Staff;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads who is scanning from their token. The optional {@value #EVENTS_CLAIM} claim lists the events a staff
 * member works, as numbers or numeric strings (some identity providers only issue strings); without it, and for
 * admins, any event. Entries that are no event id grant nothing, so a garbled claim admits at fewer events, never
 * at more.
 */
final class StaffTokens {

    /** Not {@code events}: that name is registered for Security Event Tokens (RFC 8417). */
    static final String EVENTS_CLAIM = "event_ids";

    private static final Pattern EVENT_ID = Pattern.compile("[1-9][0-9]{0,17}");

    static Staff staff(JwtAuthenticationToken token) {
        String subject = token.getToken().getSubject();
        Object events = token.getToken().getClaims().get(EVENTS_CLAIM);
        boolean admin = token.getAuthorities().stream().anyMatch(role -> "ROLE_admin".equals(role.getAuthority()));
        return admin || events == null ? Staff.atAnyEvent(subject) : Staff.atEvents(subject, eventIds(events));
    }

    private static Set<Long> eventIds(Object claim) {
        Collection<?> values = claim instanceof Collection<?> many ? many : List.of(claim);
        return values.stream().filter(Objects::nonNull).map(StaffTokens::eventId).flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Optional<Long> eventId(Object value) {
        // a JSON integer arrives as a Long, 1.0 as a Double: only the digits of a whole positive number count
        String text = value instanceof Number || value instanceof String ? value.toString().strip() : "";
        return EVENT_ID.matcher(text).matches() ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    private StaffTokens() {
    }
}
