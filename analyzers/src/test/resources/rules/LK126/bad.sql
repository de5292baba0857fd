ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
-- expect: LK126
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;

ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount > 0) NOT VALID;
-- expect: LK126
ALTER TABLE payments VALIDATE CONSTRAINT payments_amount_positive;
