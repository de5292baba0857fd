-- expect: DS109
DROP TYPE order_status;

-- expect: DS109
DROP TYPE IF EXISTS mood CASCADE;

-- expect: DS109
DROP DOMAIN email_address;
