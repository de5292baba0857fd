-- expect: LK101
CREATE INDEX orders_customer_id_idx ON orders (customer_id);

-- expect: LK101
CREATE UNIQUE INDEX IF NOT EXISTS orders_number_key ON public.orders USING btree (number) WHERE deleted_at IS NULL;
