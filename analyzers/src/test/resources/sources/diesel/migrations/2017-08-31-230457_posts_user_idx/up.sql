-- CONCURRENTLY: diesel must not wrap it

CREATE INDEX CONCURRENTLY posts_user_id_idx ON posts (user_id);
