-- Tells every instance that seats of an event came back on sale (a cancel, an expiry, a larger capacity), so an
-- instance that remembers the event as sold out forgets it at once (SoldOutEvents).
create function seats_back() returns trigger language plpgsql as $$
begin
    perform pg_notify('seats_back', new.id::text);
    return null;
end
$$;
create trigger seats_back after update of available on events
    for each row when (new.available > old.available) execute function seats_back();

-- Only a change wakes the requests waiting on a ticket: the request that inserted it knows it already.
drop trigger ticket_written on tickets;
create trigger ticket_written after update on tickets
    for each row execute function ticket_changed();
