-- text, with a CHECK when the length is a business rule.
CREATE TABLE countries (code text PRIMARY KEY CHECK (char_length(code) = 2), name text NOT NULL);

ALTER TABLE orders ADD COLUMN currency text;
