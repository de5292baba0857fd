-- expect: LK110
ALTER TABLE orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();

-- expect: LK110
ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT clock_timestamp();
