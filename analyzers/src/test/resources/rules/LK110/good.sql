-- Since PostgreSQL 11 constant and stable defaults are stored once, not written into every row:
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();

-- A volatile default: add the column, default new rows, backfill in batches.
ALTER TABLE orders ADD COLUMN public_id uuid;
ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();

CREATE TABLE payments (id bigint PRIMARY KEY);
ALTER TABLE payments ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
