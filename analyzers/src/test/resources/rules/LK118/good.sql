CREATE DOMAIN email_address AS text;

ALTER DOMAIN order_quantity ADD CONSTRAINT order_quantity_cap CHECK (VALUE < 10000) NOT VALID;
ALTER DOMAIN order_quantity VALIDATE CONSTRAINT order_quantity_cap;
