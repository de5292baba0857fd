SET lock_timeout = '3s';

-- SHARE UPDATE EXCLUSIVE: reads and writes continue while the rows are checked.
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
