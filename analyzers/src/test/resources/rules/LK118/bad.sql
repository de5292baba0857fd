-- expect: LK118
CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);

-- expect: LK118
ALTER DOMAIN order_quantity ADD CONSTRAINT order_quantity_cap CHECK (VALUE < 10000);
