-- engine: mysql
SET SESSION lock_wait_timeout = 5;

-- expect: MY107
ALTER TABLE customers CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;

-- expect: MY107
ALTER TABLE orders MODIFY note TEXT CHARACTER SET utf8mb4;
