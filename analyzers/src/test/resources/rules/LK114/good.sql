-- run-in-transaction: false
-- A plain VACUUM does not block reads or writes:
VACUUM (ANALYZE) orders;
