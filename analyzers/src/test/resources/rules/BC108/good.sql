-- Changing a default keeps old inserts working.
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';

-- A column added earlier in the same migration has no writers relying on its default yet.
ALTER TABLE orders ADD COLUMN region text DEFAULT 'eu';
ALTER TABLE orders ALTER COLUMN region DROP DEFAULT;
