-- expect: TY105
CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255) NOT NULL);

-- expect: TY105
ALTER TABLE users ADD COLUMN nickname character varying(40);
