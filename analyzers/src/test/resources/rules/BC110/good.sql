-- Move, and keep the old name working as an updatable view until no running code uses it.
ALTER TABLE public.invoices SET SCHEMA billing;
CREATE VIEW public.invoices AS SELECT * FROM billing.invoices;

-- A table created earlier in the same change is not used by running code yet.
CREATE TABLE public.refunds (id bigint PRIMARY KEY);
ALTER TABLE public.refunds SET SCHEMA billing;
