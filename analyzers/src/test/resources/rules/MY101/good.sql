-- engine: mysql
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note TEXT;
ALTER TABLE orders ADD INDEX orders_placed_at_idx (placed_at), ALGORITHM=INPLACE, LOCK=NONE;
ALTER TABLE orders DROP COLUMN legacy;

SET SESSION foreign_key_checks = 0;
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
SET SESSION foreign_key_checks = 1;

-- A table created in the same change is empty: copying it harms nobody.
CREATE TABLE wishlists (id BIGINT PRIMARY KEY, owner VARCHAR(20));
ALTER TABLE wishlists MODIFY owner VARCHAR(40) NOT NULL;
