ALTER TABLE users DROP COLUMN gh_access_token;
