ALTER TABLE orders
  ADD COLUMN note text,
  ADD COLUMN shipped_at timestamptz,
  ALTER COLUMN status SET DEFAULT 'new';

-- Renames cannot be combined with other actions:
ALTER TABLE orders RENAME COLUMN ref TO reference;
