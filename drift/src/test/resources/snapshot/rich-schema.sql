-- A schema with one of most things a snapshot records; roles app_owner and app_reader exist in the cluster.
CREATE SCHEMA shop AUTHORIZATION app_owner;
COMMENT ON SCHEMA shop IS 'the shop';
CREATE TYPE shop.status AS ENUM ('new', 'paid', 'shipped');
CREATE TYPE shop.money_pair AS (amount numeric(12,2), currency char(3));
CREATE DOMAIN shop.email AS text NOT NULL CONSTRAINT email_has_at CHECK (VALUE ~ '@');
COMMENT ON DOMAIN shop.email IS 'an address';
CREATE SEQUENCE shop.invoice_no AS integer START 1000 INCREMENT 5 CACHE 2;
CREATE FUNCTION shop.tax(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT $1 * 0.2 $$;
REVOKE EXECUTE ON FUNCTION shop.tax(numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shop.tax(numeric) TO app_reader;
CREATE TABLE shop.customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email shop.email UNIQUE,
  name text COLLATE "C",
  wallet shop.money_pair,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE shop.orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES shop.customers (id) ON DELETE CASCADE,
  status shop.status NOT NULL DEFAULT 'new',
  amount numeric(12,2) NOT NULL CHECK (amount >= 0),
  tax numeric GENERATED ALWAYS AS (shop.tax(amount)) STORED,
  invoice integer DEFAULT nextval('shop.invoice_no'),
  note varchar(200)
);
CREATE INDEX orders_open_idx ON shop.orders (status) WHERE status <> 'shipped';
CREATE INDEX orders_lower_note_idx ON shop.orders (lower(note));
ALTER TABLE shop.orders ADD CONSTRAINT amount_cap CHECK (amount < 1000000) NOT VALID;
CREATE UNLOGGED TABLE shop.scratch (id int) WITH (fillfactor = 70);
CREATE TABLE shop.events (id bigint, at date NOT NULL, payload jsonb DEFAULT '{}') PARTITION BY RANGE (at);
CREATE TABLE shop.events_2024 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_at_idx ON shop.events (at);
CREATE VIEW shop.open_orders AS SELECT id, customer_id, amount FROM shop.orders WHERE status <> 'shipped';
CREATE VIEW shop.big_open_orders WITH (security_barrier) AS SELECT * FROM shop.open_orders WHERE amount > 100;
CREATE MATERIALIZED VIEW shop.customer_totals AS
  SELECT customer_id, sum(amount) AS total FROM shop.orders GROUP BY customer_id;
CREATE UNIQUE INDEX customer_totals_pk ON shop.customer_totals (customer_id);
CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;
CREATE TRIGGER customers_touch BEFORE UPDATE ON shop.customers FOR EACH ROW EXECUTE FUNCTION shop.touch();
CREATE TRIGGER customers_touch_insert BEFORE INSERT ON shop.customers FOR EACH ROW EXECUTE FUNCTION shop.touch();
ALTER TABLE shop.customers DISABLE TRIGGER customers_touch_insert;
CREATE FUNCTION shop.order_total(o shop.orders) RETURNS numeric LANGUAGE sql STABLE
  BEGIN ATOMIC SELECT o.amount + o.tax; END;
CREATE PROCEDURE shop.archive(days int) LANGUAGE plpgsql AS $$ BEGIN DELETE FROM shop.orders WHERE false; END $$;
COMMENT ON TABLE shop.orders IS 'orders, one per checkout';
COMMENT ON COLUMN shop.orders.note IS 'free text';
COMMENT ON INDEX shop.orders_open_idx IS 'the open queue';
COMMENT ON FUNCTION shop.tax(numeric) IS 'VAT';
CREATE TABLE public.plain (id int PRIMARY KEY, "Mixed Case" text);
GRANT USAGE ON SCHEMA shop TO app_reader;
GRANT SELECT ON shop.orders, shop.open_orders TO app_reader;
GRANT SELECT, UPDATE ON shop.customers TO app_reader WITH GRANT OPTION;
ALTER TABLE shop.orders OWNER TO app_owner;
INSERT INTO shop.customers (email, name) VALUES ('a@b', 'a');
INSERT INTO shop.orders (customer_id, amount, note) VALUES (1, 10, 'x');
