-- status for ${flyway:table}
ALTER TABLE ${schema}.orders ADD COLUMN status text;

UPDATE orders SET status = 'new';
