-- run-in-transaction: false
CREATE UNIQUE INDEX CONCURRENTLY order_lines_pkey ON order_lines (order_id, line_no);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY USING INDEX order_lines_pkey;

CREATE TABLE tags (name text NOT NULL);
ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY (name);
