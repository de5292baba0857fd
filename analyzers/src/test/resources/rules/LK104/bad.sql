-- expect: LK104
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);

-- expect: LK104
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
