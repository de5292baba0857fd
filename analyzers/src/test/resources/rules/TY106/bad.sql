-- expect: TY106
CREATE TABLE tags (id serial PRIMARY KEY, name text NOT NULL);

-- expect: TY106
CREATE TABLE page_views (id bigserial PRIMARY KEY, path text NOT NULL);

-- expect: TY106
ALTER TABLE imports ADD COLUMN run_no smallserial;
