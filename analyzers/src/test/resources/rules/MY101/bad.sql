-- engine: mysql
SET SESSION lock_wait_timeout = 5;

-- A type change copies the table.
-- expect: MY101
ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;

-- With foreign_key_checks=1 every row is checked under a copy.
-- expect: MY101
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);

-- expect: MY101
ALTER TABLE orders ADD COLUMN total_cents BIGINT AS (total * 100) STORED;

-- expect: MY101
CREATE FULLTEXT INDEX orders_note_ft ON orders (note);

-- expect: MY101
ALTER TABLE orders ADD COLUMN note2 TEXT, ALGORITHM=COPY;
