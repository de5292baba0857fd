-- A migration changes objects inside the database. Decommission a database by hand, after a final
-- backup, outside the migration history; the migration can at most leave a note.
COMMENT ON DATABASE analytics IS 'decommissioned: dropped by hand after the final backup';
