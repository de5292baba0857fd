-- Name every table to empty: PostgreSQL refuses if an unnamed table still references one of them.
TRUNCATE customers, orders, order_items;

-- Tables created earlier in the same change cannot be referenced by older tables.
CREATE TABLE import_batches (id bigint PRIMARY KEY);
CREATE TABLE import_rows (id bigint PRIMARY KEY, batch_id bigint NOT NULL REFERENCES import_batches (id));
TRUNCATE import_batches CASCADE;
