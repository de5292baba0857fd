-- engine: mysql
SET SESSION lock_wait_timeout = 5;
-- Only new rows and columns get the new default; stored text stays as it is.
ALTER TABLE customers DEFAULT CHARACTER SET utf8mb4;

CREATE TABLE wishlists (id BIGINT PRIMARY KEY, title VARCHAR(80)) DEFAULT CHARSET=latin1;
ALTER TABLE wishlists CONVERT TO CHARACTER SET utf8mb4;
