--liquibase formatted sql

--changeset erin:refunds-1
--comment: refunds table
CREATE TABLE refunds (id bigint PRIMARY KEY);

-- a note on the index
CREATE INDEX refunds_id_idx ON refunds (id);
--rollback DROP TABLE refunds;

--changeset erin:refunds-2 runInTransaction:false context:!test
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
