-- expect: BC107
ALTER TYPE order_status ADD VALUE 'on_hold' BEFORE 'shipped';

-- expect: BC107
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'returned' AFTER 'delivered';
