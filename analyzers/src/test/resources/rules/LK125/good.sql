-- run-in-transaction: false
CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_not_null;
ALTER TABLE accounts ALTER COLUMN id SET NOT NULL;
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;

CREATE TABLE tags (name text);
CREATE UNIQUE INDEX tags_name_idx ON tags (name);
ALTER TABLE tags ADD PRIMARY KEY USING INDEX tags_name_idx;
