-- Add the new label next to the old one; move rows over once the application accepts both.
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled' AFTER 'canceled';

-- An enum created earlier in the same migration is not used by running code yet.
CREATE TYPE refund_state AS ENUM ('requested', 'aproved');
ALTER TYPE refund_state RENAME VALUE 'aproved' TO 'approved';
