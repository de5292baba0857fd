-- run-in-transaction: false
-- Each statement commits on its own: the NOT VALID lock is released before the scan starts.
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;

BEGIN;
ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount > 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE payments VALIDATE CONSTRAINT payments_amount_positive;
COMMIT;
