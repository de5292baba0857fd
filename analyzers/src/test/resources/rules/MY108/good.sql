-- engine: mysql
SET SESSION lock_wait_timeout = 5;
CREATE TABLE comments (id BIGINT PRIMARY KEY, body TEXT) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
-- Data is no DDL: a string that says utf8 is just a string.
INSERT INTO settings (k, v) VALUES ('charset', 'utf8');
