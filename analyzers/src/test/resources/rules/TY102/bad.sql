-- expect: TY102
CREATE TABLE tags (id serial PRIMARY KEY, name text NOT NULL);

-- expect: TY102
ALTER TABLE orders ADD COLUMN quantity integer NOT NULL DEFAULT 1;

-- expect: TY102
CREATE TABLE page_views (id bigint PRIMARY KEY, page_id int4 NOT NULL, status_code smallint);

-- expect: TY102
ALTER TABLE orders ALTER COLUMN customer_id TYPE integer;
