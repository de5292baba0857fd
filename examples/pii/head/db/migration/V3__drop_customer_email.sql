-- Customers now sign in with the identity provider; the e-mail column is no longer read.
-- Dropping it deletes personal data for good: the policy routes this to the privacy team.
SET lock_timeout = '3s';

ALTER TABLE customers DROP COLUMN email;
