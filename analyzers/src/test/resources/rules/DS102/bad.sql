-- expect: DS102
ALTER TABLE orders DROP COLUMN legacy_code;

-- IF EXISTS only hides a missing column; the data of an existing one is still lost.
-- expect: DS102
ALTER TABLE customers DROP COLUMN IF EXISTS fax, DROP COLUMN pager;
