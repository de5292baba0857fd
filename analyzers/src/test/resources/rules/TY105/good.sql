-- text, with the limit as a CHECK constraint that can change without a rewrite.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
ALTER TABLE users ADD CONSTRAINT users_email_max_length CHECK (char_length(email) <= 255);

-- varchar without a limit is text under another name.
ALTER TABLE users ADD COLUMN nickname varchar;
