-- expect: BC103
ALTER SCHEMA billing RENAME TO finance;
