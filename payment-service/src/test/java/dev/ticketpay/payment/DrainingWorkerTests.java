package dev.ticketpay.payment;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A round asks once, and drains with all its loops only when that first unit says more is due. */
class DrainingWorkerTests {

    @Test
    void aRoundWithNothingDueAsksOnceNotOncePerLoop() {
        var worker = new CountingWorker(0);

        // the round at start; its timer is an hour away
        whileRunning(worker, () -> await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> worker.asked.get() == 1));
    }

    @Test
    void aRoundThatFindsMoreDueDrainsWithEveryLoop() {
        var worker = new CountingWorker(10);

        // ten units that find more, then each of the four loops hears "nothing more" once
        whileRunning(worker, () -> await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> worker.asked.get() == 14));
        assertThat(worker.busiest.get()).as("loops at once").isGreaterThan(1);
    }

    private static void whileRunning(DrainingWorker worker, Runnable check) {
        worker.start();
        try {
            check.run();
        }
        finally {
            worker.stop();
        }
    }

    /** Says "more is due" for its first {@code more} units, then "nothing". */
    private static final class CountingWorker extends DrainingWorker {

        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger busiest = new AtomicInteger();
        private final int more;

        CountingWorker(int more) {
            super("Counting", Duration.ofHours(1), 4);
            this.more = more;
        }

        @Override
        protected Mono<Boolean> processNext() {
            int unit = asked.incrementAndGet();
            busiest.accumulateAndGet(running.incrementAndGet(), Math::max);
            return Mono.delay(Duration.ofMillis(20)).map(tick -> unit <= more)
                    .doFinally(signal -> running.decrementAndGet());
        }
    }
}
