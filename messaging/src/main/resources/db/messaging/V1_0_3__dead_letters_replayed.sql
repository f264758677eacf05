-- the retention job deletes replayed dead letters past their time: found by this index, not by reading them all
create index dead_letters_replayed on dead_letters (replayed_at) where replayed_at is not null;
