-- A table created in the same change has nothing to check or block:
CREATE TABLE room_holds (room_id bigint NOT NULL, during tstzrange NOT NULL);
ALTER TABLE room_holds ADD CONSTRAINT room_holds_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);
