CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric);
ALTER TABLE orders ADD COLUMN note text, ADD COLUMN memo text;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2), ALTER COLUMN total SET DEFAULT 0;
UPDATE orders SET status = 'paid', total = 0 WHERE id = 1;
UPDATE orders SET tags[1] = 'a', tags[2] = 'b' WHERE id = 2;
UPDATE orders o SET status = c.status FROM customers c WHERE c.id = o.customer_id AND c.status = 'x';
