-- A table created in the same change is empty:
CREATE TABLE order_archive (id bigint PRIMARY KEY);
ALTER TABLE order_archive SET TABLESPACE cold_storage;
