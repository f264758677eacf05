package dev.ticketpay.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Distinct buyers, each with a bearer token of its own, so no per-user rate limit applies: read from the token file
 * of a real deployment, or minted by the dev issuer before the load starts (minting is not measured). The feeder
 * hands them out in turn, starting over after the last.
 */
final class Buyers {

    private volatile List<String> tokens = List.of();
    private final AtomicLong next = new AtomicLong();

    /** Mints or reads the tokens; runs in the simulation's {@code before()}. */
    void prepare(LoadSettings settings) {
        if (settings.tokenFile().isPresent()) {
            try {
                tokens = Files.readAllLines(settings.tokenFile().get()).stream().map(String::trim)
                        .filter(line -> !line.isEmpty()).limit(settings.buyers()).toList();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        else {
            String run = UUID.randomUUID().toString().substring(0, 8);
            tokens = IntStream.range(0, settings.buyers()).parallel()
                    .mapToObj(i -> Api.mint(settings.issuer(), "load-" + run + "-" + i, "user")).toList();
        }
        if (tokens.isEmpty()) {
            throw new IllegalStateException("no buyers' tokens");
        }
    }

    int count() {
        return tokens.size();
    }

    /** One token after the other as the session attribute {@code token}; never runs dry. */
    Iterator<Map<String, Object>> feeder() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                List<String> all = tokens;
                return Map.of("token", all.get((int) (next.getAndIncrement() % all.size())));
            }
        };
    }

    /** A token that is not one of the buyers', for reads made before and after the load. */
    static String admin(LoadSettings settings) {
        return settings.adminToken().orElseGet(() -> Api.mint(settings.issuer(), "load-admin", "admin"));
    }
}
