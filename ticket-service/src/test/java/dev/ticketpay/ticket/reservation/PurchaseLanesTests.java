package dev.ticketpay.ticket.reservation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseLanesTests {

    private final PurchaseLanes lanes = new PurchaseLanes(2, Duration.ofSeconds(5));

    /** A purchase that runs until {@link #finish()}, counting how many of its kind run at once. */
    private static final class Held {

        final Sinks.Empty<Void> done = Sinks.empty();
        final AtomicInteger started;

        Held(AtomicInteger started) {
            this.started = started;
        }

        Mono<String> purchase(String name) {
            return Mono.defer(() -> {
                started.incrementAndGet();
                return done.asMono().thenReturn(name);
            });
        }

        void finish() {
            done.tryEmitEmpty();
        }
    }

    @Test
    void runsAtMostItsNumberOfAnEventsPurchasesAtOnceAndTheNextInTheOrderTheyCame() {
        var started = new AtomicInteger();
        var held = new ArrayList<Held>();
        var answers = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            var purchase = new Held(started);
            held.add(purchase);
            lanes.through(7, purchase.purchase("p" + i)).subscribe(answers::add);
        }
        assertThat(started).as("two run, two wait").hasValue(2);
        assertThat(lanes.inLane(7)).isEqualTo(4);

        held.get(1).finish();
        assertThat(started).as("the first waiter runs when one ends").hasValue(3);
        held.get(2).finish();
        held.get(0).finish();
        held.get(3).finish();

        assertThat(answers).containsExactly("p1", "p2", "p0", "p3");
        assertThat(lanes.inLane(7)).as("the lane is gone once nothing runs").isZero();
    }

    @Test
    void anotherEventHasALaneOfItsOwn() {
        var started = new AtomicInteger();
        var blocked = new Held(started);
        lanes.through(7, blocked.purchase("a")).subscribe();
        lanes.through(7, blocked.purchase("b")).subscribe();

        StepVerifier.create(lanes.through(8, Mono.just("elsewhere"))).expectNext("elsewhere").verifyComplete();
        blocked.finish();
    }

    @Test
    void aPurchaseThatWaitsTooLongIsRefusedWithoutEverRunningAndItsPlaceIsNotLost() {
        var lanes = new PurchaseLanes(1, Duration.ofMillis(200));
        var started = new AtomicInteger();
        var first = new Held(started);
        lanes.through(7, first.purchase("first")).subscribe();

        StepVerifier.create(lanes.through(7, new Held(started).purchase("late")))
                .expectError(TimeoutException.class).verify(Duration.ofSeconds(5));
        assertThat(started).as("the refused purchase never ran").hasValue(1);
        assertThat(lanes.inLane(7)).isEqualTo(1);

        first.finish();
        StepVerifier.create(lanes.through(7, Mono.just("next"))).expectNext("next").verifyComplete();
        assertThat(lanes.inLane(7)).isZero();
    }

    @Test
    void aWaiterThatGoesAwayLeavesTheQueueAndARunningOneThatGoesAwayPassesItsTurnOn() {
        var lanes = new PurchaseLanes(1, Duration.ofSeconds(5));
        var started = new AtomicInteger();
        var running = lanes.through(7, new Held(started).purchase("running")).subscribe();
        var gone = lanes.through(7, new Held(started).purchase("gone")).subscribe();
        var last = new Held(started);
        var answer = new ArrayList<String>();
        lanes.through(7, last.purchase("last")).subscribe(answer::add);
        assertThat(lanes.inLane(7)).isEqualTo(3);

        gone.dispose();
        assertThat(lanes.inLane(7)).isEqualTo(2);
        running.dispose();
        assertThat(started).as("the turn went past the waiter that left, to the last one").hasValue(2);
        last.finish();

        assertThat(answer).containsExactly("last");
        assertThat(lanes.inLane(7)).isZero();
    }

    @Test
    void withoutALimitEveryPurchaseRunsAtOnce() {
        var lanes = new PurchaseLanes(0, Duration.ofSeconds(5));
        var started = new AtomicInteger();
        var held = new Held(started);
        for (int i = 0; i < 20; i++) {
            lanes.through(7, held.purchase("p" + i)).subscribe();
        }
        assertThat(started).hasValue(20);
        assertThat(lanes.inLane(7)).isZero();
        held.finish();
    }

    @Test
    void aFailedPurchaseEndsItsTurn() {
        var lanes = new PurchaseLanes(1, Duration.ofSeconds(5));
        StepVerifier.create(lanes.through(7, Mono.error(new IllegalStateException("sold out"))))
                .expectError(IllegalStateException.class).verify();
        StepVerifier.create(lanes.through(7, Mono.just("next"))).expectNext("next").verifyComplete();
        assertThat(lanes.inLane(7)).isZero();
    }

    @Test
    void purchasesRacingOnManyThreadsNeverRunMoreThanTheirNumberAtOnceAndAllEnd() {
        var lanes = new PurchaseLanes(3, Duration.ofSeconds(30));
        AtomicInteger[] inside = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger[] most = {new AtomicInteger(), new AtomicInteger()};
        List<Mono<Integer>> purchases = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int event = i % 2;
            // each purchase takes a millisecond without holding a thread, as one waiting for the database does
            purchases.add(lanes.through(event, Mono.fromCallable(() -> {
                most[event].accumulateAndGet(inside[event].incrementAndGet(), Math::max);
                return event;
            }).delayElement(Duration.ofMillis(1)).doOnNext(ignored -> inside[event].decrementAndGet()))
                    .subscribeOn(Schedulers.parallel()));
        }

        StepVerifier.create(Flux.merge(purchases).count()).expectNext(2_000L).verifyComplete();
        assertThat(most[0].get()).as("event 0 at most").isBetween(1, 3);
        assertThat(most[1].get()).as("event 1 at most").isBetween(1, 3);
        assertThat(lanes.inLane(0) + lanes.inLane(1)).isZero();
    }
}
