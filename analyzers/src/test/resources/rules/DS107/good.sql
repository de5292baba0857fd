-- One primary-key range per batch, each committed on its own, outside the schema migration.
UPDATE orders SET status = 'archived'
WHERE id >= 1 AND id < 10001;

DELETE FROM sessions WHERE expires_at < now();

-- A table created earlier in the same change is small and unused: filling it in one go is fine.
CREATE TABLE order_flags (order_id bigint PRIMARY KEY, flagged boolean NOT NULL DEFAULT false);
INSERT INTO order_flags (order_id) SELECT id FROM orders;
UPDATE order_flags SET flagged = true;
