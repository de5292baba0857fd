-- expect: BC101
ALTER TABLE orders RENAME COLUMN customer_id TO buyer_id;

-- expect: BC101
ALTER TABLE public.users RENAME email TO email_address;
