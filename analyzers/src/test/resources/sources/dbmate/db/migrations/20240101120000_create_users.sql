-- migrate:up
CREATE TABLE users (id bigint);
INSERT INTO users VALUES (1);

-- migrate:down
DROP TABLE users;
