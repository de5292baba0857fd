package dev.schemawarden.replica.internal.postgres;

import static dev.schemawarden.analyzers.api.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.ROW_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.schemawarden.analyzers.api.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The statement-form table, traced on a real PostgreSQL; one subclass per major version. */
abstract class AbstractLockTraceTest {

  abstract Replicas.Major major();

  ReplicaProvider provider() {
    return Replicas.provider(major());
  }

  static Stream<TraceCase> forms() {
    return Stream.of(
        TraceCase.of("add nullable column", "ALTER TABLE orders ADD COLUMN c1 int")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of(
                "add column with constant default",
                "ALTER TABLE orders ADD COLUMN c2 int DEFAULT 0")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of(
                "add column with volatile default",
                "ALTER TABLE orders ADD COLUMN c3 float8 DEFAULT random()")
            .lock("orders", ACCESS_EXCLUSIVE)
            .rewrites("orders", "orders_status_idx")
            .build(),
        TraceCase.of("drop column", "ALTER TABLE orders DROP COLUMN note")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of("set not null", "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL")
            .lock("orders", ACCESS_EXCLUSIVE)
            .scans("orders")
            .build(),
        TraceCase.of("drop not null", "ALTER TABLE events_2025 ALTER COLUMN at DROP NOT NULL")
            .lock("events_2025", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of("int to bigint rewrites", "ALTER TABLE orders ALTER COLUMN amount TYPE bigint")
            .lock("orders", ACCESS_EXCLUSIVE)
            .rewrites("orders", "orders_status_idx")
            .build(),
        TraceCase.of(
                "varchar(10) to varchar(20) does not rewrite",
                "ALTER TABLE orders ALTER COLUMN note TYPE varchar(20)")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of(
                "varchar to text does not rewrite",
                "ALTER TABLE orders ALTER COLUMN note TYPE text")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of("set default", "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new'")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of("rename column", "ALTER TABLE orders RENAME COLUMN note TO remark")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of("rename table", "ALTER TABLE orders RENAME TO purchases")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of(
                "add check validates",
                "ALTER TABLE orders ADD CONSTRAINT small CHECK (amount < 100000000)")
            .lock("orders", ACCESS_EXCLUSIVE)
            .scans("orders")
            .build(),
        TraceCase.of(
                "add check not valid",
                "ALTER TABLE orders ADD CONSTRAINT small CHECK (amount < 100000000) NOT VALID")
            .lock("orders", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of(
                "validate constraint", "ALTER TABLE orders VALIDATE CONSTRAINT amount_positive")
            .lock("orders", SHARE_UPDATE_EXCLUSIVE)
            .scans("orders")
            .build(),
        TraceCase.of(
                "add foreign key",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk"
                    + " FOREIGN KEY (customer_id) REFERENCES customers (id)")
            .lock("orders", SHARE_ROW_EXCLUSIVE)
            .lock("customers", SHARE_ROW_EXCLUSIVE)
            .scans("orders", "customers")
            .build(),
        TraceCase.of(
                "add foreign key not valid",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk"
                    + " FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID")
            .lock("orders", SHARE_ROW_EXCLUSIVE)
            .lock("customers", SHARE_ROW_EXCLUSIVE)
            .build(),
        TraceCase.of("add primary key", "ALTER TABLE audit ADD PRIMARY KEY (id)")
            .lock("audit", ACCESS_EXCLUSIVE)
            .scans("audit")
            .build(),
        TraceCase.of(
                "add unique",
                "ALTER TABLE orders ADD CONSTRAINT orders_id_amount_key UNIQUE (id, amount)")
            .lock("orders", ACCESS_EXCLUSIVE)
            .scans("orders")
            .build(),
        TraceCase.of(
                "unique using index",
                "ALTER TABLE customers ADD CONSTRAINT customers_name_key UNIQUE USING INDEX customers_name_uq")
            .lock("customers", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of("create index", "CREATE INDEX orders_amount_idx ON orders (amount)")
            .lock("orders", SHARE)
            .scans("orders")
            .build(),
        TraceCase.of(
                "create index concurrently",
                "CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount)")
            .change(TraceCase.concurrentIndex("orders"))
            .lock("orders", SHARE_UPDATE_EXCLUSIVE)
            .build(),
        TraceCase.of("drop index", "DROP INDEX orders_status_idx")
            .lock("orders", ACCESS_EXCLUSIVE)
            .lock("orders_status_idx", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of("drop index concurrently", "DROP INDEX CONCURRENTLY orders_status_idx")
            .change(TraceCase.dropIndexConcurrently("orders_status_idx"))
            .lock("orders", SHARE_UPDATE_EXCLUSIVE)
            .build(),
        TraceCase.of("reindex index", "REINDEX INDEX orders_status_idx")
            .lock("orders", SHARE)
            .lock("orders_status_idx", ACCESS_EXCLUSIVE)
            .rewrites("orders_status_idx")
            .scans("orders")
            .build(),
        TraceCase.of("reindex index concurrently", "REINDEX INDEX CONCURRENTLY orders_status_idx")
            .change(TraceCase.reindexConcurrently("orders_status_idx"))
            .lock("orders", SHARE_UPDATE_EXCLUSIVE)
            .build(),
        TraceCase.of("reindex table", "REINDEX TABLE orders")
            .lock("orders", SHARE)
            .rewrites("orders_status_idx")
            .scans("orders")
            .build(),
        TraceCase.of(
                "attach partition",
                "ALTER TABLE events ATTACH PARTITION events_2025"
                    + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")
            .lock("events", SHARE_UPDATE_EXCLUSIVE)
            .lock("events_2025", ACCESS_EXCLUSIVE)
            .scans("events_2025")
            .build(),
        TraceCase.of("detach partition", "ALTER TABLE events DETACH PARTITION events_2024")
            .lock("events", ACCESS_EXCLUSIVE)
            .lock("events_2024", ACCESS_EXCLUSIVE)
            .build(),
        TraceCase.of(
                "detach partition concurrently",
                "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY")
            .change(TraceCase.detachConcurrently("events", "events_2024"))
            .lock("events", SHARE_UPDATE_EXCLUSIVE)
            .since(14)
            .build(),
        TraceCase.of("vacuum full rewrites", "VACUUM FULL orders")
            .change(
                new dev.schemawarden.analyzers.api.Change.Vacuum(
                    true, List.of(TraceCase.q("orders"))))
            .lock("orders", ACCESS_EXCLUSIVE)
            .rewrites("orders", "orders_status_idx")
            .build(),
        TraceCase.of("vacuum", "VACUUM orders")
            .change(TraceCase.vacuum("orders"))
            .lock("orders", SHARE_UPDATE_EXCLUSIVE)
            .build(),
        TraceCase.of("cluster rewrites", "CLUSTER orders USING orders_pkey")
            .lock("orders", ACCESS_EXCLUSIVE)
            .rewrites("orders", "orders_status_idx")
            .build(),
        TraceCase.of("truncate", "TRUNCATE audit")
            .lock("audit", ACCESS_EXCLUSIVE)
            .rewrites("audit")
            .build(),
        TraceCase.of("set unlogged rewrites", "ALTER TABLE audit SET UNLOGGED")
            .lock("audit", ACCESS_EXCLUSIVE)
            .rewrites("audit")
            .build(),
        TraceCase.of("set logged rewrites", "ALTER TABLE scratch SET LOGGED")
            .lock("scratch", ACCESS_EXCLUSIVE)
            .rewrites("scratch")
            .build(),
        TraceCase.of("drop table", "DROP TABLE audit").lock("audit", ACCESS_EXCLUSIVE).build(),
        TraceCase.of(
                "create table locks nothing existing",
                "CREATE TABLE fresh (id int PRIMARY KEY, v text)")
            .noLockOn("orders", "customers")
            .build(),
        TraceCase.of(
                "create table referencing customers",
                "CREATE TABLE invoices (id int PRIMARY KEY, customer_id bigint REFERENCES customers (id))")
            .lock("customers", SHARE_ROW_EXCLUSIVE)
            .build(),
        TraceCase.of("update every row", "UPDATE orders SET status = 'x'")
            .lock("orders", ROW_EXCLUSIVE)
            .scans("orders")
            .build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void traces_lock_rewrite_and_scan_of(TraceCase c) {
    assumeTrue(
        provider().serverVersion().atLeast(c.minMajor()),
        () -> c.name() + " needs PostgreSQL " + c.minMajor() + "+");
    try (Replica replica = provider().create(Replicas.shopSchema())) {
      TraceResult result =
          LockTracer.postgres()
              .trace(
                  replica.connections(),
                  List.of(Replicas.migration(true, Replicas.statement(0, c.sql(), c.change()))),
                  TraceOptions.defaults());
      TracedStatement s = result.statements().get(0);
      assertThat(s.status())
          .as("%s: %s", c.name(), s.effects().error())
          .isEqualTo(TraceResult.Status.OK);
      assertThat(s.effects().source()).isEqualTo(StatementEffects.Source.TRACED);
      Map<String, ?> observed =
          s.effects().locks().stream()
              .collect(
                  Collectors.toMap(
                      StatementEffects.ObservedLock::relation,
                      StatementEffects.ObservedLock::mode));
      c.locks()
          .forEach(
              (relation, mode) ->
                  assertThat(s.lockOn(relation))
                      .as("strongest lock on %s, observed %s", relation, observed)
                      .contains(mode));
      c.absent()
          .forEach(
              relation -> assertThat(s.lockOn(relation)).as("no lock on %s", relation).isEmpty());
      for (String rel :
          List.of(
              "public.orders",
              "public.customers",
              "public.audit",
              "public.scratch",
              "public.events_2025",
              "public.orders_status_idx")) {
        assertThat(s.rewrote(rel))
            .as("rewrite of %s: %s", rel, s.effects().rewrites())
            .isEqualTo(c.rewrites().contains(rel));
        assertThat(s.scanned(rel))
            .as("full scan of %s: %s", rel, s.effects().scans())
            .isEqualTo(c.scans().contains(rel));
      }
    }
  }
}
