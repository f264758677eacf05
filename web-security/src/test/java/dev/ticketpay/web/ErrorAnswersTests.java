package dev.ticketpay.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.channel.AbortedException;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ErrorAnswersTests {

    static final String PURCHASE = "/api/payments/create-payment-intent/";

    final ErrorAnswers answers = new ErrorAnswers(List.of());
    final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(PURCHASE));

    @Test
    void aClientThatWentAwayBeforeItsAnswerGetsNoAnswerAndIsNoError(CapturedOutput output) {
        StepVerifier.create(answers.on(new AbortedException("Connection has been closed"), exchange))
                .verifyComplete();
        assertThat(output.getOut()).doesNotContain("Unexpected failure");
    }

    @Test
    void anUnexpectedFailureIsAnswered500WithoutItsMessageAndLogged(CapturedOutput output) {
        StepVerifier.create(answers.on(new IllegalStateException("pool exhausted at 10.0.0.7"), exchange))
                .assertNext(answer -> {
                    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
                    assertThat(answer.getBody().toString()).doesNotContain("10.0.0.7");
                })
                .verifyComplete();
        assertThat(output.getOut()).contains("Unexpected failure on POST " + PURCHASE);
    }

    @Test
    void anAnswerSharedByEveryCallerCarriesTheMarkInMillisecondsAndAnyOtherNone() {
        var shared = answers.on(new ApiException(HttpStatus.BAD_REQUEST, "Sold out.", null, null,
                Duration.ofMillis(500)), exchange);
        assertThat(shared.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(shared.getHeaders().getFirst(SharedAnswer.HEADER)).isEqualTo("500");
        assertThat(shared.getHeaders().getFirst("Retry-After")).isNull();

        var own = answers.on(new ApiException(HttpStatus.BAD_REQUEST, "Sold out."), exchange);
        assertThat(own.getHeaders().containsHeader(SharedAnswer.HEADER)).isFalse();
    }
}
