-- expect: LK115
ALTER TABLE orders ADD COLUMN note text;

SET lock_timeout = 0;

-- expect: LK115
CREATE INDEX orders_placed_at_idx ON orders (placed_at);

-- expect: LK115
DROP TRIGGER orders_audit ON orders;

-- expect: LK115
ALTER POLICY orders_tenant ON orders USING (tenant_id = current_setting('app.tenant')::bigint);
