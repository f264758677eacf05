package dev.ticketpay.ticket.catalog;

import dev.ticketpay.ticket.InvalidRequest;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/events}: anyone signed in reads the catalog, admins add to it and change it. */
@RestController
class CatalogController {

    private final Events events;

    CatalogController(Events events) {
        this.events = events;
    }

    @GetMapping("/api/events")
    Flux<Event> all() {
        return events.all();
    }

    @GetMapping("/api/events/{id}")
    Mono<Event> one(@PathVariable long id) {
        return events.byId(id).switchIfEmpty(Mono.error(() -> new EventNotFound(id)));
    }

    @PostMapping("/api/events")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Event> add(@RequestBody NewEvent event) {
        return events.add(event);
    }

    /** Admins only (see WebSecurity); 400 when the new capacity is below the seats already sold or held. */
    @PatchMapping("/api/events/{id}")
    Mono<Event> change(@PathVariable long id, @RequestBody EventChanges changes) {
        return events.change(id, changes).switchIfEmpty(Mono.defer(() -> events.byId(id)
                .switchIfEmpty(Mono.error(() -> new EventNotFound(id)))
                .flatMap(event -> Mono.error(new InvalidRequest("capacity", "capacity cannot be below the "
                        + (event.capacity() - event.available()) + " seats already sold or held.")))));
    }
}
