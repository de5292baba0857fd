CREATE SEQUENCE events_seq_seq;
ALTER TABLE events ADD COLUMN seq bigint;
ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq');

CREATE TABLE audit_entries (note text);
ALTER TABLE audit_entries ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
