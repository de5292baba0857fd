-- run-in-transaction: false
CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);
-- expect: LK125
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;

-- expect: LK125
ALTER TABLE invoices ADD PRIMARY KEY USING INDEX invoices_number_idx;
