-- engine: mysql
-- engine-version: 8.0.28
SET SESSION lock_wait_timeout = 5;

-- expect: MY102
ALTER TABLE orders ADD COLUMN note TEXT AFTER id;

-- expect: MY102
ALTER TABLE orders ADD COLUMN tenant_id BIGINT FIRST, ALGORITHM=INPLACE;
