package dev.schemawarden.analyzers.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.DataChange.DmlKind;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.Change.Transaction.TxKind;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ColumnDef.Generated;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.ConstraintDef.Kind;
import dev.schemawarden.analyzers.api.DataType;
import dev.schemawarden.analyzers.api.QualifiedName;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per statement form: the SQL and the exact {@link Change} it must classify to. */
class PostgresClassifierTest {
  private final PostgresClassifier classifier = new PostgresClassifier();

  static QualifiedName q(String name) {
    return QualifiedName.of(name);
  }

  static QualifiedName q(String schema, String name) {
    return QualifiedName.of(schema, name);
  }

  static DataType t(String name, String... mods) {
    return DataType.of(name, mods);
  }

  static ColumnDef col(String name, DataType type) {
    return new ColumnDef(name, type, false, Optional.empty(), Generated.NONE, Optional.empty());
  }

  static ColumnDef col(String name, DataType type, boolean notNull, String dflt) {
    return new ColumnDef(
        name, type, notNull, Optional.ofNullable(dflt), Generated.NONE, Optional.empty());
  }

  static ConstraintDef cons(String name, Kind kind, List<String> cols) {
    return new ConstraintDef(
        Optional.ofNullable(name),
        kind,
        cols,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        false);
  }

  static ConstraintDef fk(
      String name, List<String> cols, QualifiedName ref, List<String> refCols, boolean notValid) {
    return new ConstraintDef(
        Optional.ofNullable(name),
        Kind.FOREIGN_KEY,
        cols,
        Optional.empty(),
        Optional.of(ref),
        refCols,
        Optional.empty(),
        notValid);
  }

  static ConstraintDef check(String name, String expr, boolean notValid) {
    return new ConstraintDef(
        Optional.ofNullable(name),
        Kind.CHECK,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.of(expr),
        notValid);
  }

  static Change alter(String table, AlterAction... actions) {
    return new Change.AlterTable(q(table), false, false, List.of(actions));
  }

  static Change.CreateTable table(String name, List<ColumnDef> cols, List<ConstraintDef> cons) {
    return new Change.CreateTable(
        q(name), cols, cons, false, false, false, Optional.empty(), false, false);
  }

  static Change other(String keywords, ObjectKind kind, QualifiedName target) {
    return new Change.Other(keywords, kind, Optional.ofNullable(target));
  }

  static Stream<Arguments> forms() {
    return Stream.of(
        // ---- CREATE TABLE
        arguments(
            "CREATE TABLE public.\"Orders\" (id bigserial PRIMARY KEY, total numeric(12,2) NOT NULL DEFAULT 0,"
                + " note character varying(200), created timestamp with time zone DEFAULT now(),"
                + " CONSTRAINT orders_total CHECK (total >= 0))",
            new Change.CreateTable(
                q("public", "Orders"),
                List.of(
                    new ColumnDef(
                        "id",
                        t("bigserial"),
                        true,
                        Optional.empty(),
                        Generated.NONE,
                        Optional.of(cons(null, Kind.PRIMARY_KEY, List.of("id")))),
                    col("total", t("numeric", "12", "2"), true, "0"),
                    col("note", t("varchar", "200")),
                    col("created", t("timestamptz"), false, "now()")),
                List.of(check("orders_total", "total >= 0", false)),
                false,
                false,
                false,
                Optional.empty(),
                false,
                false)),
        arguments(
            "create table if not exists t (a int4, b INT8, c int2, d bool, e decimal, f float8, g bpchar(3),"
                + " h timestamp without time zone, i time with time zone, j serial4, k double precision, l jsonb[])",
            new Change.CreateTable(
                q("t"),
                List.of(
                    col("a", t("integer")),
                    col("b", t("bigint")),
                    col("c", t("smallint")),
                    col("d", t("boolean")),
                    col("e", t("numeric")),
                    col("f", t("double precision")),
                    col("g", t("char", "3")),
                    col("h", t("timestamp")),
                    col("i", t("timetz")),
                    col("j", t("serial")),
                    col("k", t("double precision")),
                    new ColumnDef(
                        "l",
                        new DataType("jsonb", List.of(), 1),
                        false,
                        Optional.empty(),
                        Generated.NONE,
                        Optional.empty())),
                List.of(),
                true,
                false,
                false,
                Optional.empty(),
                false,
                false)),
        arguments(
            "CREATE TEMP TABLE tmp (x text)",
            new Change.CreateTable(
                q("tmp"),
                List.of(col("x", t("text"))),
                List.of(),
                false,
                true,
                false,
                Optional.empty(),
                false,
                false)),
        arguments(
            "CREATE UNLOGGED TABLE u (x uuid)",
            new Change.CreateTable(
                q("u"),
                List.of(col("x", t("uuid"))),
                List.of(),
                false,
                false,
                true,
                Optional.empty(),
                false,
                false)),
        arguments(
            "CREATE TABLE m (id int GENERATED ALWAYS AS IDENTITY, c int GENERATED ALWAYS AS (id * 2) STORED,"
                + " r int REFERENCES users (id) ON DELETE CASCADE)",
            table(
                "m",
                List.of(
                    new ColumnDef(
                        "id",
                        t("integer"),
                        false,
                        Optional.empty(),
                        Generated.IDENTITY,
                        Optional.empty()),
                    new ColumnDef(
                        "c",
                        t("integer"),
                        false,
                        Optional.empty(),
                        Generated.STORED,
                        Optional.empty()),
                    new ColumnDef(
                        "r",
                        t("integer"),
                        false,
                        Optional.empty(),
                        Generated.NONE,
                        Optional.of(fk(null, List.of("r"), q("users"), List.of("id"), false)))),
                List.of())),
        arguments(
            "CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at)",
            new Change.CreateTable(
                q("ev"),
                List.of(col("id", t("integer")), col("at", t("date"))),
                List.of(),
                false,
                false,
                false,
                Optional.empty(),
                true,
                false)),
        arguments(
            "CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            new Change.CreateTable(
                q("ev_2024"),
                List.of(),
                List.of(),
                false,
                false,
                false,
                Optional.of(q("ev")),
                false,
                false)),
        arguments(
            "CREATE TABLE copy AS SELECT * FROM orders",
            new Change.CreateTable(
                q("copy"),
                List.of(),
                List.of(),
                false,
                false,
                false,
                Optional.empty(),
                false,
                true)),
        arguments(
            "CREATE TABLE li (order_id int, PRIMARY KEY (order_id), FOREIGN KEY (order_id) REFERENCES orders)",
            table(
                "li",
                List.of(col("order_id", t("integer"))),
                List.of(
                    cons(null, Kind.PRIMARY_KEY, List.of("order_id")),
                    fk(null, List.of("order_id"), q("orders"), List.of(), false)))),
        // ---- ALTER TABLE
        arguments(
            "ALTER TABLE IF EXISTS ONLY public.orders ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'new'",
            new Change.AlterTable(
                q("public", "orders"),
                true,
                true,
                List.of(new AlterAction.AddColumn(col("status", t("text"), true, "'new'"), true)))),
        arguments(
            "ALTER TABLE orders ADD note varchar(10), DROP COLUMN IF EXISTS old CASCADE, DROP legacy",
            alter(
                "orders",
                new AlterAction.AddColumn(col("note", t("varchar", "10")), false),
                new AlterAction.DropColumn("old", true, true),
                new AlterAction.DropColumn("legacy", false, false))),
        arguments(
            "ALTER TABLE orders ALTER COLUMN total SET DATA TYPE numeric(14,2) USING total::numeric(14,2)",
            alter(
                "orders",
                new AlterAction.AlterColumnType(
                    "total", t("numeric", "14", "2"), Optional.of("total::numeric(14,2)")))),
        arguments(
            "ALTER TABLE orders ALTER note TYPE character varying",
            alter(
                "orders", new AlterAction.AlterColumnType("note", t("varchar"), Optional.empty()))),
        arguments(
            "ALTER TABLE orders ALTER COLUMN a SET NOT NULL, ALTER COLUMN b DROP NOT NULL",
            alter("orders", new AlterAction.SetNotNull("a"), new AlterAction.DropNotNull("b"))),
        arguments(
            "ALTER TABLE orders ALTER COLUMN a SET DEFAULT now(), ALTER b DROP DEFAULT",
            alter(
                "orders",
                new AlterAction.SetDefault("a", "now()"),
                new AlterAction.DropDefault("b"))),
        arguments(
            "ALTER TABLE orders ADD CONSTRAINT orders_pk PRIMARY KEY (id)",
            alter(
                "orders",
                new AlterAction.AddConstraint(cons("orders_pk", Kind.PRIMARY_KEY, List.of("id"))))),
        arguments(
            "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_idx",
            alter(
                "orders",
                new AlterAction.AddConstraint(
                    new ConstraintDef(
                        Optional.of("orders_code_key"),
                        Kind.UNIQUE,
                        List.of(),
                        Optional.of("orders_code_idx"),
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        false)))),
        arguments(
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) NOT VALID",
            alter(
                "orders",
                new AlterAction.AddConstraint(
                    fk(
                        "orders_user_fk",
                        List.of("user_id"),
                        q("app", "users"),
                        List.of("id"),
                        true)))),
        arguments(
            "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID",
            alter("orders", new AlterAction.AddConstraint(check("positive", "total > 0", true)))),
        arguments(
            "ALTER TABLE booking ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)",
            alter(
                "booking",
                new AlterAction.AddConstraint(
                    new ConstraintDef(
                        Optional.of("no_overlap"),
                        Kind.EXCLUDE,
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.of("room WITH =, during WITH &&"),
                        false)))),
        arguments(
            "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk",
            alter("orders", new AlterAction.ValidateConstraint("orders_user_fk"))),
        arguments(
            "ALTER TABLE orders DROP CONSTRAINT IF EXISTS positive CASCADE",
            alter("orders", new AlterAction.DropConstraint("positive", true, true))),
        arguments(
            "ALTER TABLE orders RENAME COLUMN note TO remark",
            alter("orders", new AlterAction.RenameColumn("note", "remark"))),
        arguments(
            "ALTER TABLE orders RENAME note TO \"Remark\"",
            alter("orders", new AlterAction.RenameColumn("note", "Remark"))),
        arguments(
            "ALTER TABLE orders RENAME TO purchase_orders",
            alter("orders", new AlterAction.RenameTable("purchase_orders"))),
        arguments(
            "ALTER TABLE orders RENAME CONSTRAINT a TO b",
            alter("orders", new AlterAction.RenameConstraint("a", "b"))),
        arguments(
            "ALTER TABLE orders SET SCHEMA archive",
            alter("orders", new AlterAction.SetSchema("archive"))),
        arguments(
            "ALTER TABLE orders SET LOGGED, SET UNLOGGED",
            alter("orders", new AlterAction.SetLogged(true), new AlterAction.SetLogged(false))),
        arguments(
            "ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            alter(
                "ev",
                new AlterAction.AttachPartition(
                    q("ev_2025"), "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"))),
        arguments(
            "ALTER TABLE ev DETACH PARTITION ev_2020 CONCURRENTLY",
            alter("ev", new AlterAction.DetachPartition(q("ev_2020"), true, false))),
        arguments(
            "ALTER TABLE ev DETACH PARTITION ev_2020 FINALIZE",
            alter("ev", new AlterAction.DetachPartition(q("ev_2020"), false, true))),
        arguments(
            "ALTER TABLE orders SET TABLESPACE fast",
            alter("orders", new AlterAction.SetTablespace("fast"))),
        arguments(
            "ALTER TABLE orders ENABLE TRIGGER audit",
            alter("orders", new AlterAction.Other("ENABLE TRIGGER audit"))),
        // ---- indexes
        arguments(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code_idx ON ONLY public.orders USING btree"
                + " (lower(code), created DESC) WHERE deleted_at IS NULL",
            new Change.CreateIndex(
                Optional.of("orders_code_idx"),
                q("public", "orders"),
                true,
                true,
                true,
                List.of("lower(code)", "created"),
                Optional.of("btree"),
                true)),
        arguments(
            "CREATE INDEX ON orders (user_id)",
            new Change.CreateIndex(
                Optional.empty(),
                q("orders"),
                false,
                false,
                false,
                List.of("user_id"),
                Optional.empty(),
                false)),
        arguments(
            "DROP INDEX CONCURRENTLY IF EXISTS a, s.b CASCADE",
            new Change.Drop(ObjectKind.INDEX, List.of(q("a"), q("s", "b")), true, true, true)),
        arguments(
            "REINDEX (VERBOSE) INDEX CONCURRENTLY orders_code_idx",
            new Change.Reindex(ObjectKind.INDEX, q("orders_code_idx"), true)),
        arguments("REINDEX TABLE orders", new Change.Reindex(ObjectKind.TABLE, q("orders"), false)),
        arguments("REINDEX SCHEMA app", new Change.Reindex(ObjectKind.SCHEMA, q("app"), false)),
        arguments(
            "REINDEX DATABASE shop", new Change.Reindex(ObjectKind.DATABASE, q("shop"), false)),
        // ---- DROP of every kind
        arguments(
            "DROP TABLE IF EXISTS a, b CASCADE",
            new Change.Drop(ObjectKind.TABLE, List.of(q("a"), q("b")), true, true, false)),
        arguments(
            "DROP VIEW v", new Change.Drop(ObjectKind.VIEW, List.of(q("v")), false, false, false)),
        arguments(
            "DROP MATERIALIZED VIEW mv",
            new Change.Drop(ObjectKind.MATERIALIZED_VIEW, List.of(q("mv")), false, false, false)),
        arguments(
            "DROP SCHEMA app CASCADE",
            new Change.Drop(ObjectKind.SCHEMA, List.of(q("app")), false, true, false)),
        arguments(
            "DROP DATABASE shop",
            new Change.Drop(ObjectKind.DATABASE, List.of(q("shop")), false, false, false)),
        arguments(
            "DROP SEQUENCE s",
            new Change.Drop(ObjectKind.SEQUENCE, List.of(q("s")), false, false, false)),
        arguments(
            "DROP TYPE mood",
            new Change.Drop(ObjectKind.TYPE, List.of(q("mood")), false, false, false)),
        arguments(
            "DROP DOMAIN email",
            new Change.Drop(ObjectKind.DOMAIN, List.of(q("email")), false, false, false)),
        arguments(
            "DROP FUNCTION IF EXISTS f(int, text), g()",
            new Change.Drop(ObjectKind.FUNCTION, List.of(q("f"), q("g")), true, false, false)),
        arguments(
            "DROP EXTENSION pgcrypto",
            new Change.Drop(ObjectKind.EXTENSION, List.of(q("pgcrypto")), false, false, false)),
        arguments(
            "DROP TRIGGER audit ON orders",
            new Change.Drop(
                ObjectKind.TRIGGER,
                List.of(q("audit")),
                false,
                false,
                false,
                Optional.of(q("orders")))),
        // ---- renames of other kinds
        arguments(
            "ALTER SCHEMA app RENAME TO application",
            new Change.Rename(ObjectKind.SCHEMA, q("app"), "application")),
        arguments("ALTER VIEW v RENAME TO v2", new Change.Rename(ObjectKind.VIEW, q("v"), "v2")),
        arguments(
            "ALTER INDEX IF EXISTS i RENAME TO j",
            new Change.Rename(ObjectKind.INDEX, q("i"), "j")),
        arguments(
            "ALTER SEQUENCE s RENAME TO s2", new Change.Rename(ObjectKind.SEQUENCE, q("s"), "s2")),
        arguments(
            "ALTER TYPE mood RENAME TO feeling",
            new Change.Rename(ObjectKind.TYPE, q("mood"), "feeling")),
        arguments(
            "ALTER MATERIALIZED VIEW mv RENAME TO mv2",
            new Change.Rename(ObjectKind.MATERIALIZED_VIEW, q("mv"), "mv2")),
        // ---- types and domains
        arguments(
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine')",
            new Change.CreateType(
                q("mood"), Change.CreateType.TypeKind.ENUM, List.of("sad", "ok", "it's fine"))),
        arguments(
            "CREATE TYPE pair AS (a int, b text)",
            new Change.CreateType(q("pair"), Change.CreateType.TypeKind.COMPOSITE, List.of())),
        arguments(
            "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok'",
            new Change.AddEnumValue(q("mood"), "happy", true, Optional.empty(), Optional.of("ok"))),
        arguments(
            "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'",
            new Change.AddEnumValue(q("mood"), "meh", false, Optional.of("ok"), Optional.empty())),
        arguments(
            "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'",
            new Change.RenameEnumValue(q("mood"), "sad", "blue")),
        arguments(
            "CREATE DOMAIN email AS text CHECK (VALUE ~ '@')",
            new Change.CreateDomain(q("email"), t("text"), true)),
        arguments(
            "CREATE DOMAIN code varchar(5)",
            new Change.CreateDomain(q("code"), t("varchar", "5"), false)),
        arguments(
            "ALTER DOMAIN email ADD CONSTRAINT at CHECK (VALUE ~ '@') NOT VALID",
            new Change.AlterDomain(
                q("email"), true, true, "ADD CONSTRAINT at CHECK (VALUE ~ '@') NOT VALID")),
        // ---- maintenance
        arguments(
            "TRUNCATE TABLE ONLY a, b RESTART IDENTITY CASCADE",
            new Change.Truncate(List.of(q("a"), q("b")), true, true)),
        arguments("TRUNCATE a", new Change.Truncate(List.of(q("a")), false, false)),
        arguments("VACUUM", new Change.Vacuum(false, List.of())),
        arguments("VACUUM FULL orders", new Change.Vacuum(true, List.of(q("orders")))),
        arguments(
            "VACUUM (FULL, ANALYZE) orders, users",
            new Change.Vacuum(true, List.of(q("orders"), q("users")))),
        arguments(
            "VACUUM (ANALYZE) orders (total)", new Change.Vacuum(false, List.of(q("orders")))),
        arguments("CLUSTER", new Change.Cluster(Optional.empty(), Optional.empty())),
        arguments(
            "CLUSTER orders USING orders_pk",
            new Change.Cluster(Optional.of(q("orders")), Optional.of("orders_pk"))),
        // ---- views and extensions
        arguments(
            "CREATE OR REPLACE VIEW v AS SELECT 1", new Change.CreateView(q("v"), true, false)),
        arguments(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1",
            new Change.CreateView(q("mv"), false, true)),
        arguments(
            "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
            new Change.RefreshMaterializedView(q("mv"), true)),
        arguments(
            "REFRESH MATERIALIZED VIEW mv", new Change.RefreshMaterializedView(q("mv"), false)),
        arguments(
            "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"",
            new Change.CreateExtension("uuid-ossp", true)),
        arguments("create extension pg_trgm", new Change.CreateExtension("pg_trgm", false)),
        // ---- transactions and settings
        arguments("BEGIN", new Change.Transaction(TxKind.BEGIN)),
        arguments(
            "START TRANSACTION ISOLATION LEVEL SERIALIZABLE", new Change.Transaction(TxKind.BEGIN)),
        arguments("COMMIT", new Change.Transaction(TxKind.COMMIT)),
        arguments("END", new Change.Transaction(TxKind.COMMIT)),
        arguments("ROLLBACK", new Change.Transaction(TxKind.ROLLBACK)),
        arguments("SAVEPOINT s1", new Change.Transaction(TxKind.SAVEPOINT)),
        arguments("RELEASE SAVEPOINT s1", new Change.Transaction(TxKind.RELEASE_SAVEPOINT)),
        arguments("ROLLBACK TO SAVEPOINT s1", new Change.Transaction(TxKind.ROLLBACK_TO_SAVEPOINT)),
        arguments(
            "SET lock_timeout TO '3s'",
            new Change.SetParameter("lock_timeout", Optional.of("3s"), false)),
        arguments(
            "SET LOCAL Statement_Timeout = 5000",
            new Change.SetParameter("statement_timeout", Optional.of("5000"), true)),
        arguments(
            "SET SESSION search_path TO app, public",
            new Change.SetParameter("search_path", Optional.of("app, public"), false)),
        arguments(
            "SET TIME ZONE 'UTC'", new Change.SetParameter("timezone", Optional.of("UTC"), false)),
        arguments(
            "RESET lock_timeout", new Change.SetParameter("lock_timeout", Optional.empty(), false)),
        // ---- data
        arguments(
            "INSERT INTO app.flags (name) VALUES ('x')",
            new Change.DataChange(DmlKind.INSERT, Optional.of(q("app", "flags")), false)),
        arguments(
            "UPDATE orders SET status = 'x'",
            new Change.DataChange(
                DmlKind.UPDATE, Optional.of(q("orders")), false, List.of("status"))),
        arguments(
            "UPDATE orders o SET status = (SELECT s FROM t WHERE t.id = o.id)",
            new Change.DataChange(
                DmlKind.UPDATE, Optional.of(q("orders")), false, List.of("status"))),
        arguments(
            "UPDATE orders SET status = 'x' WHERE id < 1000",
            new Change.DataChange(
                DmlKind.UPDATE, Optional.of(q("orders")), true, List.of("status"))),
        arguments(
            "UPDATE orders SET \"Status\" = 'x', (a, b) = (1, 2), c[1] = 0, d.f = 1 RETURNING status",
            new Change.DataChange(
                DmlKind.UPDATE, Optional.of(q("orders")), false, List.of("Status", "a", "b"))),
        arguments(
            "DELETE FROM orders",
            new Change.DataChange(DmlKind.DELETE, Optional.of(q("orders")), false)),
        arguments(
            "WITH old AS (SELECT id FROM orders WHERE created < now()) DELETE FROM orders USING old WHERE orders.id = old.id",
            new Change.DataChange(DmlKind.DELETE, Optional.of(q("orders")), true)),
        arguments(
            "MERGE INTO stock s USING delivery d ON s.item = d.item WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty",
            new Change.DataChange(DmlKind.MERGE, Optional.of(q("stock")), false)),
        arguments(
            "COPY orders (id, total) FROM STDIN",
            new Change.DataChange(DmlKind.COPY, Optional.of(q("orders")), false)),
        arguments(
            "SELECT set_config('a', 'b', false)",
            new Change.DataChange(DmlKind.SELECT, Optional.empty(), false)),
        // ---- privileges
        arguments(
            "GRANT SELECT ON orders TO reporting",
            new Change.PrivilegeChange("GRANT SELECT ON orders TO reporting")),
        arguments(
            "REVOKE ALL ON orders FROM PUBLIC",
            new Change.PrivilegeChange("REVOKE ALL ON orders FROM PUBLIC")),
        arguments("CREATE ROLE app LOGIN", new Change.PrivilegeChange("CREATE ROLE app LOGIN")),
        arguments(
            "ALTER ROLE app SET search_path = app",
            new Change.PrivilegeChange("ALTER ROLE app SET search_path = app")),
        // ---- other known kinds
        arguments(
            "CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql",
            other("CREATE FUNCTION", ObjectKind.FUNCTION, q("app", "touch"))),
        arguments(
            "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
            other("CREATE PROCEDURE", ObjectKind.PROCEDURE, q("p"))),
        arguments(
            "CREATE TRIGGER touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION app.touch()",
            other("CREATE TRIGGER", ObjectKind.TRIGGER, q("orders"))),
        arguments(
            "COMMENT ON TABLE orders IS 'all orders'",
            other("COMMENT ON", ObjectKind.TABLE, q("orders"))),
        arguments(
            "COMMENT ON COLUMN orders.total IS 'gross'",
            other("COMMENT ON", ObjectKind.COLUMN, q("orders", "total"))),
        arguments("DO $$ BEGIN RAISE NOTICE 'x'; END $$", other("DO", ObjectKind.OTHER, null)),
        arguments(
            "ALTER SYSTEM SET work_mem = '64MB'", other("ALTER SYSTEM", ObjectKind.OTHER, null)),
        arguments(
            "CREATE SEQUENCE IF NOT EXISTS order_seq START 100",
            other("CREATE SEQUENCE", ObjectKind.SEQUENCE, q("order_seq"))),
        arguments(
            "CREATE SCHEMA IF NOT EXISTS app", other("CREATE SCHEMA", ObjectKind.SCHEMA, q("app"))),
        arguments("CREATE DATABASE shop", other("CREATE DATABASE", ObjectKind.DATABASE, q("shop"))),
        arguments("ANALYZE orders", other("ANALYZE", ObjectKind.TABLE, q("orders"))),
        arguments(
            "LOCK TABLE orders IN SHARE MODE",
            other("LOCK TABLE IN SHARE MODE", ObjectKind.TABLE, q("orders"))),
        arguments(
            "ALTER SEQUENCE s RESTART WITH 10",
            other("ALTER SEQUENCE", ObjectKind.SEQUENCE, q("s"))),
        // ---- unknown
        arguments(
            "FROBNICATE the database",
            new Change.Unknown("unrecognised statement starting with 'frobnicate'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void classifies_each_statement_form(String sql, Change expected) {
    assertThat(classifier.classify(sql)).isEqualTo(expected);
  }
}
