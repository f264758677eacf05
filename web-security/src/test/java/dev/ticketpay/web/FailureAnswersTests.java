package dev.ticketpay.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class FailureAnswersTests {

    static class SoldOut extends RuntimeException {
        SoldOut() {
            super("Sold out.");
        }
    }

    static class Busy extends RuntimeException {
        final Duration wait;

        Busy(Duration wait) {
            super("Busy.");
            this.wait = wait;
        }
    }

    static class SlowBusy extends Busy {
        SlowBusy() {
            super(Duration.ofSeconds(9));
        }
    }

    final FailureAnswers table = FailureAnswers.table()
            .answer(SoldOut.class, HttpStatus.BAD_REQUEST, "quantity")
            .answer(Busy.class, HttpStatus.SERVICE_UNAVAILABLE, failure -> null, failure -> failure.wait);

    @Test
    void aFailureOfTheTableShouldBeAnsweredWithItsStatusFieldAndOwnMessage() {
        var answer = table.answerTo(new SoldOut()).orElseThrow();
        assertThat(answer.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.field()).isEqualTo("quantity");
        assertThat(answer.getMessage()).isEqualTo("Sold out.");
        assertThat(answer.retryAfter()).isNull();
    }

    @Test
    void aSubtypeShouldBeAnsweredAsItsTypeWithTheWaitReadFromTheFailure() {
        var answer = table.answerTo(new SlowBusy()).orElseThrow();
        assertThat(answer.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.retryAfter()).isEqualTo(Duration.ofSeconds(9));
        assertThat(answer.field()).isNull();
    }

    @Test
    void aSharedRowShouldSayForHowLongTheFailureSaysItsAnswerHoldsForEveryCaller() {
        var shared = FailureAnswers.table().answerShared(Busy.class, HttpStatus.BAD_REQUEST, failure -> failure.wait);
        var answer = shared.answerTo(new SlowBusy()).orElseThrow();
        assertThat(answer.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.sharedFor()).isEqualTo(Duration.ofSeconds(9));
        assertThat(answer.retryAfter()).isNull();
        assertThat(shared.answerTo(new Busy(null)).orElseThrow().sharedFor()).isNull();
        assertThat(table.answerTo(new SoldOut()).orElseThrow().sharedFor()).isNull();
    }

    @Test
    void aFailureNotInTheTableShouldHaveNoAnswer() {
        assertThat(table.answerTo(new IllegalStateException("boom"))).isEmpty();
        assertThat(FailureAnswers.table().answerTo(new SoldOut())).isEmpty();
    }
}
