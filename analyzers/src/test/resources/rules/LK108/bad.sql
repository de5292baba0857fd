-- expect: LK108
ALTER TABLE order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no);
