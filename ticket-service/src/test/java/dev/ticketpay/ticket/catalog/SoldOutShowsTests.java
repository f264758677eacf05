package dev.ticketpay.ticket.catalog;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sold-out memory's rules, on a clock the test moves. */
class SoldOutShowsTests {

    final AtomicLong now = new AtomicLong();
    final SoldOutShows soldOut = new SoldOutShows(null, Duration.ofSeconds(1), now::get);

    @Test
    void refusesOnlyBuyersWhoWantMoreThanWasLeft() {
        soldOut.remember(7, 2, soldOut.epoch());

        assertThat(soldOut.tooFewFor(7, 3)).hasValue(2);
        assertThat(soldOut.tooFewFor(7, 2)).isEmpty();
        assertThat(soldOut.tooFewFor(8, 3)).as("another event").isEmpty();
    }

    @Test
    void forgetsAfterItsMemoryRunsOut() {
        soldOut.remember(7, 0, soldOut.epoch());
        now.addAndGet(Duration.ofMillis(1000).toNanos());
        assertThat(soldOut.tooFewFor(7, 1)).hasValue(0);

        now.addAndGet(1);
        assertThat(soldOut.tooFewFor(7, 1)).isEmpty();
    }

    @Test
    void forgetsWhenSeatsComeBack() {
        soldOut.remember(7, 0, soldOut.epoch());
        soldOut.forget(7);

        assertThat(soldOut.tooFewFor(7, 1)).isEmpty();
    }

    @Test
    void doesNotRememberAReadThatSeatsComingBackMayHaveOvertaken() {
        long epoch = soldOut.epoch();
        soldOut.forget(7);
        soldOut.remember(7, 0, epoch);

        assertThat(soldOut.tooFewFor(7, 1)).isEmpty();
    }
}
