-- expect: BC105
ALTER TABLE orders ADD COLUMN region text NOT NULL;

-- expect: BC105
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL REFERENCES tenants (id);
