-- expect: TY104
CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);

-- expect: TY104
ALTER TABLE orders ADD COLUMN currency character(3);
