-- run-in-transaction: false
-- expect: LK114
VACUUM FULL orders;

-- expect: LK114
CLUSTER orders USING orders_pkey;
