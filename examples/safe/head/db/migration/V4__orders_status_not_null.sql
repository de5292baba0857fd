-- The safe way to make orders.status mandatory: a NOT VALID check takes a brief lock and scans nothing;
-- VALIDATE (in the next migration) scans without blocking writes.
SET lock_timeout = '3s';
SET statement_timeout = '30s';

ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
