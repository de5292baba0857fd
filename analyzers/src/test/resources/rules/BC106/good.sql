-- Tightening is not this rule's concern.
ALTER TABLE orders ALTER COLUMN created_at SET NOT NULL;

-- A column added earlier in the same migration has no readers yet.
ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu';
ALTER TABLE orders ALTER COLUMN region DROP NOT NULL;
