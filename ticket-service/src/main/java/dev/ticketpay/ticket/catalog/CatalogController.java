package dev.ticketpay.ticket.catalog;

import dev.ticketpay.ticket.InvalidRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Catalog", description = "The events tickets are sold for")
class CatalogController {

    private final Shows shows;

    CatalogController(Shows shows) {
        this.shows = shows;
    }

    @Operation(summary = "List the events")
    @ApiResponse(responseCode = "200", description = "Every event")
    @GetMapping("/api/events")
    Flux<Show> all() {
        return shows.all();
    }

    @Operation(summary = "Get an event")
    @ApiResponse(responseCode = "200", description = "The event")
    @ApiResponse(responseCode = "400", description = "The id is not a number")
    @ApiResponse(responseCode = "404", description = "Event not found")
    @GetMapping("/api/events/{id}")
    Mono<Show> one(@PathVariable long id) {
        return shows.byId(id).switchIfEmpty(Mono.error(() -> new EventNotFound(id)));
    }

    @Operation(summary = "Add an event", description = "Admins only")
    @ApiResponse(responseCode = "201", description = "The new event")
    @ApiResponse(responseCode = "400", description = "A field is missing or invalid")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @PostMapping("/api/events")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Show> add(@RequestBody NewEvent event) {
        return shows.add(event);
    }

    /** Admins only (see WebSecurity); 400 when the new capacity is below the seats already sold or held. */
    @Operation(summary = "Change an event", description = "Admins only; any of the fields")
    @ApiResponse(responseCode = "200", description = "The changed event")
    @ApiResponse(responseCode = "400", description = "A field is invalid, or the capacity is below the seats sold "
            + "or held")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "Event not found")
    @PatchMapping("/api/events/{id}")
    Mono<Show> change(@PathVariable long id, @RequestBody EventChanges changes) {
        return shows.change(id, changes).switchIfEmpty(Mono.defer(() -> shows.byId(id)
                .switchIfEmpty(Mono.error(() -> new EventNotFound(id)))
                .flatMap(event -> Mono.error(new InvalidRequest("capacity", "capacity cannot be below the "
                        + (event.capacity() - event.available()) + " seats already sold or held.")))));
    }
}
