SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE customers ADD COLUMN tier text;
