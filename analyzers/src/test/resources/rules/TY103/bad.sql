-- expect: TY103
CREATE TABLE logins (id bigint PRIMARY KEY, logged_in_at timestamp NOT NULL DEFAULT now());

-- expect: TY103
ALTER TABLE orders ADD COLUMN shipped_at timestamp(3) without time zone;
