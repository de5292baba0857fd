-- Appended at the end: existing values keep their order.
ALTER TYPE order_status ADD VALUE 'on_hold';

-- An enum created earlier in the same migration has no queries relying on its order yet.
CREATE TYPE refund_state AS ENUM ('requested', 'refunded');
ALTER TYPE refund_state ADD VALUE 'approved' BEFORE 'refunded';
