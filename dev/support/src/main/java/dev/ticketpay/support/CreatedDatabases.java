package dev.ticketpay.support;

import java.util.HashSet;
import java.util.Set;

import dev.ticketpay.support.EmbeddedPostgres.Database;

/** The databases one server has created so far: each is created on first use, later uses are not round trips. */
final class CreatedDatabases {

    private final Set<String> created = new HashSet<>();

    synchronized Database database(Database administration, String name) {
        if (created.contains(name)) {
            return administration.named(name);
        }
        var database = administration.createIfMissing(name);
        created.add(name);
        return database;
    }
}
