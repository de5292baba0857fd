ALTER TABLE version_authors ADD COLUMN user_id INTEGER;
