-- expect: LK102
DROP INDEX orders_customer_id_idx;

-- expect: LK102
DROP INDEX IF EXISTS public.orders_number_key CASCADE;
