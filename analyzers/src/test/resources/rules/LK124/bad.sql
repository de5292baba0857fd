SET lock_timeout = '2s';

-- expect: LK124
ALTER TABLE orders ADD COLUMN note text;

ALTER TABLE customers ADD COLUMN tier text;
