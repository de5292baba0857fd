CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric);
ALTER TABLE orders ADD COLUMN note text, ADD COLUMN memo text;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2), ALTER COLUMN total SET DEFAULT 0;
