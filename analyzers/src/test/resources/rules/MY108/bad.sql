-- engine: mysql
SET SESSION lock_wait_timeout = 5;

-- expect: MY108
CREATE TABLE comments (id BIGINT PRIMARY KEY, body TEXT) DEFAULT CHARSET=utf8;

-- expect: MY108
CREATE TABLE reviews (id BIGINT PRIMARY KEY, body TEXT CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci);
