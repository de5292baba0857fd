-- run-in-transaction: false
CREATE UNIQUE INDEX CONCURRENTLY orders_number_key ON orders (number);
ALTER TABLE orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_key;

CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);
ALTER TABLE coupons ADD CONSTRAINT coupons_code_key UNIQUE (code);
