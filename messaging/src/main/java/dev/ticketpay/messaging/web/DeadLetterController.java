package dev.ticketpay.messaging.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ticketpay.messaging.DeadLetters;
import dev.ticketpay.web.ApiException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' handle on this service's dead letters, admins only, on the service's own port (the gateway
 * never routes {@code /internal/**}): list, inspect, replay one, replay all pending. See docs/operations.md.
 */
@RestController
@RequestMapping("/internal/dead-letters")
public class DeadLetterController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Pending ones by default; {@code state=all} adds the replayed ones. */
    @GetMapping
    Mono<Map<String, Object>> list(@RequestParam(defaultValue = "pending") String state,
            @RequestParam(required = false) String topic, @RequestParam(defaultValue = "100") int limit) {
        if (!state.equals("pending") && !state.equals("all")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "state must be pending or all.", "state");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT + ".", "limit");
        }
        return deadLetters.list(state.equals("pending"), topic, limit).map(DeadLetterController::summary)
                .collectList()
                .zipWith(deadLetters.pendingByTopic())
                .map(both -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("consumer_groups", deadLetters.consumerGroups());
                    body.put("pending", both.getT2());
                    body.put("dead_letters", both.getT1());
                    return body;
                });
    }

    @GetMapping("/{id}")
    Mono<Map<String, Object>> show(@PathVariable String id) {
        return deadLetters.find(parse(id)).switchIfEmpty(notFound()).map(DeadLetterController::whole);
    }

    @PostMapping("/{id}/replay")
    Mono<Map<String, Object>> replay(@PathVariable String id) {
        return deadLetters.replay(parse(id)).switchIfEmpty(notFound()).map(DeadLetterController::summary);
    }

    /** Every pending dead letter, or those of one dead-letter topic ({@code ?topic=payments.v1.dlt}). */
    @PostMapping("/replay")
    Mono<Map<String, Object>> replayPending(@RequestParam(required = false) String topic) {
        return deadLetters.replayPending(topic).map(count -> Map.of("replayed", count));
    }

    private static long parse(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "id must be a positive integer.", "id");
    }

    private static <T> Mono<T> notFound() {
        return Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "No dead letter with this id."));
    }

    private static Map<String, Object> summary(DeadLetters.Letter letter) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", letter.id());
        body.put("dlt_topic", letter.dltTopic());
        body.put("dlt_partition", letter.dltPartition());
        body.put("dlt_offset", letter.dltOffset());
        body.put("original_topic", letter.originalTopic());
        body.put("key", letter.messageKey());
        body.put("event_id", letter.eventId());
        body.put("event_type", letter.eventType());
        body.put("reason", letter.reason());
        body.put("error", letter.error());
        body.put("dead_at", letter.deadAt().toString());
        body.put("replayed_at", letter.replayedAt() == null ? null : letter.replayedAt().toString());
        body.put("replays", letter.replays());
        return body;
    }

    /** The summary plus headers and the body: as JSON when it is JSON, as text or base64 otherwise. */
    private static Map<String, Object> whole(DeadLetters.Letter letter) {
        var body = summary(letter);
        body.put("headers", letter.headers() == null ? List.of() : letter.headers());
        byte[] payload = letter.payload();
        if (payload != null) {
            try {
                body.put("payload", JSON.readTree(payload));
            }
            catch (JacksonException notJson) {
                body.put("payload_base64", Base64.getEncoder().encodeToString(payload));
                body.put("payload_text", new String(payload, StandardCharsets.UTF_8));
            }
        }
        return body;
    }

}
