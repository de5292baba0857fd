-- A small production-shaped schema with data, so that scans and rewrites are observable.
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
\restrict abc123

CREATE TABLE public.customers (id bigint PRIMARY KEY, name text);
CREATE UNIQUE INDEX customers_name_uq ON public.customers (name);
CREATE TABLE public.orders (
    id integer PRIMARY KEY,
    customer_id bigint,
    amount integer,
    note varchar(10),
    status text,
    created_at timestamptz DEFAULT now()
);
CREATE INDEX orders_status_idx ON public.orders (status);
ALTER TABLE public.orders ADD CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID;
CREATE TABLE public.audit (id bigint NOT NULL, msg text);
CREATE UNLOGGED TABLE public.scratch (id bigint);
CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.events_2025 (id bigint, at date NOT NULL);
ALTER TABLE public.audit OWNER TO app_owner;
GRANT SELECT ON public.orders TO app_reader;

INSERT INTO public.customers SELECT g, 'c' || g FROM generate_series(1, 2000) g;
INSERT INTO public.orders SELECT g, g % 2000 + 1, g, 'n', 's' || (g % 10), now() FROM generate_series(1, 5000) g;
INSERT INTO public.audit SELECT g, 'm' FROM generate_series(1, 1000) g;
INSERT INTO public.scratch SELECT g FROM generate_series(1, 1000) g;
INSERT INTO public.events_2024 SELECT g, date '2024-03-01' FROM generate_series(1, 1000) g;
INSERT INTO public.events_2025 SELECT g, date '2025-03-01' FROM generate_series(1, 1000) g;
