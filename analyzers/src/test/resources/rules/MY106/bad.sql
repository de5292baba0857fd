-- engine: mysql
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY status ENUM('new', 'paid', 'shipped') NOT NULL;
-- 'held' goes between 'new' and 'paid': every stored value after it is renumbered.
-- expect: MY106
ALTER TABLE orders MODIFY status ENUM('new', 'held', 'paid', 'shipped') NOT NULL;
