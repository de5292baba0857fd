-- expect: DS103
DROP SCHEMA legacy;

-- expect: DS103
DROP SCHEMA IF EXISTS reporting CASCADE;
