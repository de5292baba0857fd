-- PostgreSQL 12+: prove the column has no NULLs without blocking, then SET NOT NULL skips its scan.
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_not_null;
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_not_null;

-- A table created in the same change:
CREATE TABLE carts (id bigint PRIMARY KEY, owner_id bigint);
ALTER TABLE carts ALTER COLUMN owner_id SET NOT NULL;
