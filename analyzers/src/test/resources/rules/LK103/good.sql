-- run-in-transaction: false
-- engine-version: 11
-- PostgreSQL 11 has no REINDEX CONCURRENTLY, so the rule does not apply there (on 12+ write CONCURRENTLY):
REINDEX INDEX CONCURRENTLY orders_customer_id_idx;
REINDEX TABLE public.orders;
