-- expect: BC102
ALTER TABLE orders RENAME TO purchases;

-- expect: BC102
ALTER TABLE IF EXISTS billing.invoice RENAME TO invoices;
