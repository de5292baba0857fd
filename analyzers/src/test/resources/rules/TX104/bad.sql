-- expect: TX104
ALTER TYPE order_status ADD VALUE 'refunded';

UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;
