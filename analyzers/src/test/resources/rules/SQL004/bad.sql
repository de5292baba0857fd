-- expect: SQL004
CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric, amount bigint);

-- expect: SQL004
ALTER TABLE orders ADD COLUMN note text, ADD COLUMN note varchar(200);

-- expect: SQL004
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2), ALTER COLUMN total TYPE numeric(14,2);

-- expect: SQL004
UPDATE orders SET status = 'paid', total = 0, status = 'open' WHERE id = 1;

-- expect: SQL004
UPDATE orders SET (status, total) = ('paid', 0), total = 1 WHERE id = 2;
