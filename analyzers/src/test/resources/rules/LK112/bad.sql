-- expect: LK112
ALTER TABLE events ADD COLUMN seq bigserial;

-- expect: LK112
ALTER TABLE events ADD COLUMN event_no bigint GENERATED ALWAYS AS IDENTITY;
