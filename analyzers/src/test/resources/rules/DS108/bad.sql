-- expect: DS108
DROP VIEW order_totals CASCADE;

-- expect: DS108
DROP TABLE IF EXISTS invoices CASCADE;

-- expect: DS108
ALTER TABLE orders DROP COLUMN customer_id CASCADE;

-- expect: DS108
DROP FUNCTION order_total(bigint) CASCADE;
