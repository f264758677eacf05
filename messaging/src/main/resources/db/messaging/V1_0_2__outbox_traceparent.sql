-- The W3C traceparent of the span that wrote the row (null outside any trace): the relay continues that trace on
-- the Kafka record's traceparent header, so one purchase is one trace across the services and Kafka.
alter table outbox add column traceparent text;
