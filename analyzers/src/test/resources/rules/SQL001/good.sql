CREATE TABLE audit_log (id bigint PRIMARY KEY, entry text);

COMMENT ON TABLE audit_log IS 'append-only audit trail';
