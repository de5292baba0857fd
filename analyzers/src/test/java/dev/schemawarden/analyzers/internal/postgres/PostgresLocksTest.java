package dev.schemawarden.analyzers.internal.postgres;

import static dev.schemawarden.analyzers.api.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.ACCESS_SHARE;
import static dev.schemawarden.analyzers.api.LockMode.EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.ROW_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.ServerVersion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostgresLocksTest {
  private final PostgresEngine engine = new PostgresEngine(false);
  private final PostgresClassifier classifier = new PostgresClassifier();

  static PredictedLock lock(String relation, LockMode mode, boolean rewrite, boolean scan) {
    String[] p = relation.split("\\.");
    QualifiedName q = p.length == 2 ? QualifiedName.of(p[0], p[1]) : QualifiedName.of(p[0]);
    return new PredictedLock(q, mode, rewrite, scan);
  }

  static Stream<Arguments> locks() {
    return Stream.of(
        arguments(17, "CREATE INDEX i ON t (a)", List.of(lock("t", SHARE, false, true))),
        arguments(
            17,
            "CREATE INDEX CONCURRENTLY i ON t (a)",
            List.of(lock("t", SHARE_UPDATE_EXCLUSIVE, false, true))),
        arguments(
            17,
            "ALTER TABLE t ADD COLUMN c int",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now()",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            10,
            "ALTER TABLE t ADD COLUMN c int DEFAULT 0",
            List.of(lock("t", ACCESS_EXCLUSIVE, true, false))),
        arguments(
            17,
            "ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid()",
            List.of(lock("t", ACCESS_EXCLUSIVE, true, false))),
        arguments(
            17,
            "ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a * 2) STORED",
            List.of(lock("t", ACCESS_EXCLUSIVE, true, false))),
        arguments(
            17,
            "ALTER TABLE t ADD COLUMN c bigserial",
            List.of(lock("t", ACCESS_EXCLUSIVE, true, false))),
        arguments(
            17, "ALTER TABLE t DROP COLUMN c", List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ALTER COLUMN c SET NOT NULL",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, true))),
        arguments(
            17,
            "ALTER TABLE t ALTER COLUMN c TYPE bigint",
            List.of(lock("t", ACCESS_EXCLUSIVE, true, false))),
        arguments(
            17,
            "ALTER TABLE t ALTER COLUMN c TYPE varchar(200)",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ALTER COLUMN c TYPE text",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ALTER COLUMN c TYPE numeric(20,2)",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ALTER COLUMN c TYPE text USING c || ''",
            List.of(lock("t", ACCESS_EXCLUSIVE, true, false))),
        arguments(
            17,
            "ALTER TABLE t RENAME COLUMN a TO b",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES u (id)",
            List.of(
                lock("t", SHARE_ROW_EXCLUSIVE, false, true),
                lock("u", SHARE_ROW_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES u (id) NOT VALID",
            List.of(
                lock("t", SHARE_ROW_EXCLUSIVE, false, false),
                lock("u", SHARE_ROW_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, true))),
        arguments(
            17,
            "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t VALIDATE CONSTRAINT c",
            List.of(lock("t", SHARE_UPDATE_EXCLUSIVE, false, true))),
        arguments(
            17,
            "ALTER TABLE t ADD PRIMARY KEY (id)",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, true))),
        arguments(
            17,
            "ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY USING INDEX i",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE p ATTACH PARTITION c FOR VALUES IN (1)",
            List.of(
                lock("p", SHARE_UPDATE_EXCLUSIVE, false, false),
                lock("c", ACCESS_EXCLUSIVE, false, true))),
        arguments(
            11,
            "ALTER TABLE p ATTACH PARTITION c FOR VALUES IN (1)",
            List.of(
                lock("p", ACCESS_EXCLUSIVE, false, false),
                lock("c", ACCESS_EXCLUSIVE, false, true))),
        arguments(
            17,
            "ALTER TABLE p DETACH PARTITION c CONCURRENTLY",
            List.of(
                lock("p", SHARE_UPDATE_EXCLUSIVE, false, false),
                lock("c", SHARE_UPDATE_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE p DETACH PARTITION c",
            List.of(
                lock("p", ACCESS_EXCLUSIVE, false, false),
                lock("c", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17, "ALTER TABLE t SET LOGGED", List.of(lock("t", ACCESS_EXCLUSIVE, true, false))),
        arguments(
            17,
            "ALTER TABLE t SET TABLESPACE fast",
            List.of(lock("t", ACCESS_EXCLUSIVE, true, false))),
        arguments(
            17,
            "ALTER TABLE t ENABLE TRIGGER x",
            List.of(lock("t", SHARE_ROW_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t SET (fillfactor = 70)",
            List.of(lock("t", SHARE_UPDATE_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TABLE t ADD COLUMN a int, ALTER COLUMN b SET NOT NULL",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, true))),
        arguments(
            17,
            "TRUNCATE a, b",
            List.of(
                lock("a", ACCESS_EXCLUSIVE, true, false),
                lock("b", ACCESS_EXCLUSIVE, true, false))),
        arguments(17, "DROP TABLE a", List.of(lock("a", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "DROP INDEX CONCURRENTLY i",
            List.of(lock("i", SHARE_UPDATE_EXCLUSIVE, false, false))),
        arguments(17, "VACUUM FULL t", List.of(lock("t", ACCESS_EXCLUSIVE, true, true))),
        arguments(17, "LOCK TABLE t", List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "LOCK TABLE t IN ACCESS SHARE MODE",
            List.of(lock("t", ACCESS_SHARE, false, false))),
        arguments(
            17,
            "LOCK t IN SHARE ROW EXCLUSIVE MODE NOWAIT",
            List.of(lock("t", SHARE_ROW_EXCLUSIVE, false, false))),
        arguments(
            17, "DROP TRIGGER audit ON t", List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "DROP POLICY IF EXISTS p ON app.t",
            List.of(lock("app.t", ACCESS_EXCLUSIVE, false, false))),
        arguments(17, "DROP RULE r ON t", List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(17, "DROP EVENT TRIGGER e", List.of()),
        arguments(
            17,
            "ALTER POLICY p ON t USING (true)",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "ALTER TRIGGER tr ON t RENAME TO tr2",
            List.of(lock("t", ACCESS_EXCLUSIVE, false, false))),
        arguments(17, "VACUUM t", List.of(lock("t", SHARE_UPDATE_EXCLUSIVE, false, true))),
        arguments(17, "CLUSTER t USING i", List.of(lock("t", ACCESS_EXCLUSIVE, true, true))),
        arguments(
            17, "REFRESH MATERIALIZED VIEW mv", List.of(lock("mv", ACCESS_EXCLUSIVE, true, true))),
        arguments(
            17,
            "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
            List.of(lock("mv", EXCLUSIVE, false, true))),
        arguments(
            17,
            "REINDEX TABLE CONCURRENTLY t",
            List.of(lock("t", SHARE_UPDATE_EXCLUSIVE, false, true))),
        arguments(
            17,
            "ALTER INDEX i RENAME TO j",
            List.of(lock("i", SHARE_UPDATE_EXCLUSIVE, false, false))),
        arguments(17, "UPDATE t SET a = 1", List.of(lock("t", ROW_EXCLUSIVE, false, false))),
        arguments(17, "DELETE FROM t WHERE a = 1", List.of(lock("t", ROW_EXCLUSIVE, false, false))),
        arguments(17, "INSERT INTO t VALUES (1)", List.of(lock("t", ROW_EXCLUSIVE, false, false))),
        arguments(17, "SELECT 1", List.of()),
        arguments(
            17,
            "CREATE TABLE n (id int REFERENCES u (id))",
            List.of(lock("u", SHARE_ROW_EXCLUSIVE, false, false))),
        arguments(
            17,
            "CREATE TABLE c PARTITION OF p FOR VALUES IN (2)",
            List.of(lock("p", ACCESS_EXCLUSIVE, false, false))),
        arguments(
            17,
            "CREATE TRIGGER x AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
            List.of(lock("t", SHARE_ROW_EXCLUSIVE, false, false))),
        arguments(17, "CREATE TYPE mood AS ENUM ('a')", List.of()));
  }

  @ParameterizedTest(name = "PG{0}: {1}")
  @MethodSource("locks")
  void predicts_the_documented_lock(int major, String sql, List<PredictedLock> expected) {
    Change change = classifier.classify(sql);
    assertThat(engine.predictLocks(change, new ServerVersion(major, 0))).isEqualTo(expected);
  }
}
