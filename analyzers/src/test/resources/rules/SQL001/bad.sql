CREATE TABLE audit_log (id bigint PRIMARY KEY, entry text);

-- expect: SQL001
FROBNICATE TABLE audit_log WITH EXTRA CARE;
