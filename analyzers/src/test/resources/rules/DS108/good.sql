-- Without CASCADE (RESTRICT is the default) PostgreSQL refuses while anything depends on the object.
DROP VIEW order_totals;
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;

-- Objects created earlier in the same change have no older dependents.
CREATE TABLE import_staging (id bigint PRIMARY KEY);
DROP TABLE import_staging CASCADE;
