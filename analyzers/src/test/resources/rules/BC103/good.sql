-- Expand: create the new schema next to the old one and serve the objects from both.
CREATE SCHEMA finance;
CREATE VIEW finance.invoices AS SELECT * FROM billing.invoices;

-- A schema created earlier in the same migration is not used by running code yet.
CREATE SCHEMA reportng;
ALTER SCHEMA reportng RENAME TO reporting;
