-- run-in-transaction: false
-- expect: TX103
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
