-- Track order status and shipping. Every statement below is dangerous on a busy `orders` table:
-- `warden review` reports each one with its line and a safer rewrite.

-- Volatile default: rewrites the whole table under ACCESS EXCLUSIVE.
ALTER TABLE orders ADD COLUMN tracking_id uuid DEFAULT gen_random_uuid();

-- Blocks every INSERT/UPDATE/DELETE on orders while the index builds.
CREATE INDEX orders_customer_id_idx ON orders (customer_id);

-- integer -> bigint rewrites the table and its indexes under ACCESS EXCLUSIVE.
ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;

-- Scans the whole table under ACCESS EXCLUSIVE to check for NULLs.
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;

-- Breaks every running application instance that still reads `name`.
ALTER TABLE customers RENAME COLUMN name TO full_name;
