-- expect: BC110
ALTER TABLE public.invoices SET SCHEMA billing;
