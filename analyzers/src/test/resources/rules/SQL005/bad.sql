-- expect: SQL005
CREATE TABLE posts (id bigint PRIMARY KEY, title text);

-- expect: SQL005
ALTER TABLE posts ADD COLUMN body text;

-- expect: SQL005
DROP TABLE IF EXISTS drafts;
