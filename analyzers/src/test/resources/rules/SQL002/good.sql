-- The deploy script picks the database; the migration holds only SQL.
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL);
