-- run-in-transaction: false
-- expect: LK103
REINDEX INDEX orders_customer_id_idx;

-- expect: LK103
REINDEX TABLE public.orders;
