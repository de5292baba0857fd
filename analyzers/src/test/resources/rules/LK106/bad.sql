-- expect: LK106
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
