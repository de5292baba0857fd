ALTER TABLE orders ADD COLUMN nested text;
