-- The value is only added here; a later migration uses it.
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';

UPDATE orders SET status = 'paid' WHERE paid_at IS NOT NULL AND status = 'new';
