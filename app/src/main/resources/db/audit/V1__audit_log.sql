-- Schema Warden's audit log: append-only and hash-chained. Applied by AuditSchema with its own Flyway history
-- table (warden_audit_schema_history) so it never collides with other state-store migrations.
CREATE TABLE warden_audit.audit_log (
  seq          bigint      PRIMARY KEY CHECK (seq > 0),
  recorded_at  timestamptz NOT NULL,
  event        text        NOT NULL,
  repository   text        NOT NULL,
  pr           integer     NOT NULL,
  environment  text        NOT NULL,
  head_sha     text        NOT NULL,
  merge_sha    text        NOT NULL,
  -- The canonical JSON of the entry (every field, prev_hash included); hash = sha256(body).
  body         text        NOT NULL,
  prev_hash    char(64)    NOT NULL,
  hash         char(64)    NOT NULL UNIQUE
);

CREATE INDEX audit_log_recorded_at ON warden_audit.audit_log (recorded_at);
CREATE INDEX audit_log_repository ON warden_audit.audit_log (repository, seq);
CREATE INDEX audit_log_environment ON warden_audit.audit_log (environment, event, seq);

CREATE FUNCTION warden_audit.reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the Schema Warden audit log is append-only: % on %.% is not allowed',
    TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'entries are never changed; append a new entry instead';
END
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON warden_audit.audit_log
  FOR EACH ROW EXECUTE FUNCTION warden_audit.reject_change();

-- TRUNCATE fires no row triggers: a statement-level trigger catches it.
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON warden_audit.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit.reject_change();

REVOKE ALL ON warden_audit.audit_log FROM PUBLIC;
