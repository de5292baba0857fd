-- Retire the schema: renaming is reversible; drop it in a later migration.
ALTER SCHEMA legacy RENAME TO legacy_retired;

-- A schema created earlier in the same migration holds nothing anyone relies on.
CREATE SCHEMA import_scratch;
DROP SCHEMA import_scratch;
