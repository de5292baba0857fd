-- expect: DS107
UPDATE orders SET status = 'archived';

-- expect: DS107
DELETE FROM sessions;

-- expect: DS107
UPDATE accounts SET balance_cents = 0 RETURNING id;
