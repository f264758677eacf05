package dev.ticketpay.qr.checkin;

import java.util.Set;

/**
 * Who scans at the door: the staff member's name (their JWT subject, recorded with each admission) and the events
 * they may admit at. Staff whose token lists no events, and admins, may admit at any event.
 */
public final class Staff {

    private final String subject;
    private final Set<Long> events;

    private Staff(String subject, Set<Long> events) {
        this.subject = subject;
        this.events = events;
    }

    /** Staff who may admit at every event. */
    public static Staff atAnyEvent(String subject) {
        return new Staff(subject, null);
    }

    /** Staff who may admit only at these events (none, when the set is empty). */
    public static Staff atEvents(String subject, Set<Long> events) {
        return new Staff(subject, Set.copyOf(events));
    }

    public String subject() {
        return subject;
    }

    boolean worksAt(long eventId) {
        return events == null || events.contains(eventId);
    }
}
