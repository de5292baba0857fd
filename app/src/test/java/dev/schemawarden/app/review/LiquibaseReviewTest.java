package dev.schemawarden.app.review;

import static dev.schemawarden.app.testing.ReportJson.findings;
import static dev.schemawarden.app.testing.ReportJson.json;
import static dev.schemawarden.app.testing.ReportJson.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.ReportJson;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase histories reviewed as Liquibase runs them. A real multi-module Liquibase history (a vendored subset of Apache Fineract, see
 * {@code src/test/resources/histories/fineract/SOURCE.md}) read, ordered and replayed as Liquibase 4.33 itself does:
 * contexts with one changeset id per database, customChange classes, preconditions, failOnError and an include
 * from another module.
 */
class LiquibaseReviewTest {
  private static final Path FINERACT = Path.of("src/test/resources/histories/fineract");
  private static final String PROVIDER = "fineract-provider/src/main/resources/";
  private static final String LOAN = "fineract-loan/src/main/resources/";
  private static final String MASTER = "db/changelog/warden-history.xml";
  private static final List<String> CONTEXTS =
      List.of("tenant_store_db", "tenant_db", "postgresql", "initial_switch");
  private static final String CONFIG =
      """
      migrations:
        tool: liquibase
        changelog: %s%s
        contexts: [%s]
        search-paths: [%s]
      """
          .formatted(
              PROVIDER, MASTER, String.join(", ", CONTEXTS), LOAN.substring(0, LOAN.length() - 1));
  private static ReplicaProvider replicas;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    System.setProperty("liquibase.analytics.enabled", "false");
    replicas = ReplicaProvider.embedded(ReplicaSettings.defaults());
  }

  @AfterAll
  static void stop() {
    replicas.close();
  }

  /** The class's cluster, for a trace stage that closes what it is given: one cluster start per class. */
  private static ReplicaProvider shared() {
    return new ReplicaProvider() {
      @Override
      public String id() {
        return replicas.id();
      }

      @Override
      public dev.schemawarden.analyzers.api.ServerVersion serverVersion() {
        return replicas.serverVersion();
      }

      @Override
      public Replica create(SchemaSource schema) {
        return replicas.create(schema);
      }

      @Override
      public Replica create(SchemaSource schema, java.time.Duration statementBudget) {
        return replicas.create(schema, statementBudget);
      }

      @Override
      public void close() {
        // the class closes the cluster
      }
    };
  }

  private static List<Migration> ours() {
    MigrationSettings settings =
        new MigrationSettings(
            Optional.of(MigrationTool.LIQUIBASE),
            List.of(),
            Map.of(),
            Optional.of(PROVIDER + MASTER),
            CONTEXTS,
            Optional.empty(),
            List.of(LOAN));
    return MigrationSources.forTool(MigrationTool.LIQUIBASE)
        .load(FINERACT, settings, Engines.forName("postgres").parser());
  }

  /** Liquibase as Fineract runs it: every module's resources on the classpath. */
  @SuppressWarnings("deprecation")
  private static <T> T withLiquibase(Connection c, LiquibaseCall<T> call) throws Exception {
    try (DirectoryResourceAccessor provider =
            new DirectoryResourceAccessor(FINERACT.resolve(PROVIDER));
        DirectoryResourceAccessor loan = new DirectoryResourceAccessor(FINERACT.resolve(LOAN));
        CompositeResourceAccessor classpath = new CompositeResourceAccessor(provider, loan)) {
      Database db =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      return Scope.child(Map.of(), () -> call.run(new Liquibase(MASTER, classpath, db)));
    }
  }

  @FunctionalInterface
  private interface LiquibaseCall<T> {
    T run(Liquibase liquibase) throws Exception;
  }

  private static List<String> schema(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT table_name || '.' || column_name || ' ' || data_type"
                    + " || coalesce('(' || datetime_precision || ')', '') || ' ' || is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name NOT LIKE 'databasechangelog%' ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void
      the_replay_order_equals_liquibase_list_unrun_change_sets_and_the_schema_equals_liquibase_update()
          throws Exception {
    List<Migration> ours = ours();
    List<String> order =
        ours.stream()
            .map(
                m ->
                    m.path()
                            .substring(
                                m.path().startsWith(PROVIDER) ? PROVIDER.length() : LOAN.length())
                        + "#"
                        + m.id().orElseThrow())
            .toList();

    List<String> liquibaseOrder;
    List<String> liquibaseSchema;
    try (Replica empty = replicas.create(new SchemaSource.SqlDump(""));
        Connection c = empty.connect()) {
      liquibaseOrder =
          withLiquibase(
              c,
              lb ->
                  lb.listUnrunChangeSets(new Contexts(CONTEXTS), new LabelExpression()).stream()
                      .map(cs -> cs.getFilePath() + "#" + cs.getId() + "::" + cs.getAuthor())
                      .toList());
      withLiquibase(
          c,
          lb -> {
            lb.update(new Contexts(CONTEXTS), new LabelExpression());
            return null;
          });
      liquibaseSchema = schema(c);
    }
    assertThat(order)
        .as("liquibase status on an empty PostgreSQL lists these changesets, in this order")
        .isEqualTo(liquibaseOrder)
        .contains(
            "db/changelog/tenant/module/loan/parts/1001_add_audit_fields_to_loan_charge.xml#1001-1::fineract")
        .doesNotHaveDuplicates();
    assertThat(ours)
        .filteredOn(m -> !m.notTraced().isEmpty())
        .extracting(m -> m.path().replaceAll(".*/", ""))
        .as("the customChange changesets, rendered without their classes")
        .containsExactly(
            "0007_encrypt_existing_tenant_passwords.xml",
            "0008_encrypt_existing_ro_tenant_passwords.xml",
            "0009_set_and_encrypt_ro_if_not_exists.xml");

    try (Replica replayed = replicas.create(new SchemaSource.MigrationHistory(ours));
        Connection c = replayed.connect()) {
      assertThat(schema(c))
          .as("the replayed base schema is the one liquibase update builds")
          .isEqualTo(liquibaseSchema)
          .contains(
              "m_loan_repayment_schedule.credits_amount numeric NO".replace(" NO", " YES"),
              "m_loan_charge.created_on_utc timestamp with time zone(6) NO");
    }
  }

  /** Base: the history without the tenant store's two newest parts; head: all of it (the pull request adds them). */
  private Path[] pullRequest() throws IOException {
    Path head = tmp.resolve("head");
    Path base = tmp.resolve("base");
    try (Stream<Path> files = Files.walk(FINERACT)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = FINERACT.relativize(f).toString().replace('\\', '/');
        boolean isNew = rel.contains("/0009_") || rel.contains("/0010_");
        for (Path side : isNew ? List.of(head) : List.of(base, head)) {
          Path to = side.resolve(rel);
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
    }
    Path changelog =
        base.resolve(PROVIDER + "db/changelog/tenant-store/changelog-tenant-store.xml");
    Files.writeString(
        changelog,
        Files.readString(changelog)
            .lines()
            .filter(l -> !l.contains("0009_") && !l.contains("0010_"))
            .reduce("", (a, b) -> a + b + "\n"));
    for (Path side : List.of(head, base)) {
      Files.writeString(side.resolve(".schemawarden.yml"), CONFIG);
    }
    return new Path[] {head, base};
  }

  private static Cli.Run review(Path head, Path base) {
    ReplicaTracer stage = new ReplicaTracer(rc -> shared(), ReplicaTracer.StatisticsSource.NONE);
    try {
      return Cli.run(
          (out, err) -> {
            ReviewService service = dev.schemawarden.app.testing.Reviews.tracing(stage);
            return new CliContext(out, err, service, Main.renderers(service), false);
          },
          "review",
          "--repo",
          head.toString(),
          "--base-dir",
          base.toString(),
          "--format",
          "json");
    } finally {
      stage.close();
    }
  }

  @Test
  void a_pull_request_adding_the_newest_tenant_store_parts_traces_on_the_replayed_base()
      throws IOException {
    Path[] repo = pullRequest();

    Cli.Run run = review(repo[0], repo[1]);

    JsonNode report = json(run);
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(findings(report, "TR101")).as("the base history replayed: " + run).isEmpty();
    List<String> changed = new ArrayList<>();
    report
        .path("migrations")
        .forEach(m -> changed.add(m.path("path").asText().replaceAll(".*/", "")));
    assertThat(changed)
        .as(run.toString())
        .containsExactly(
            "0009_set_and_encrypt_ro_if_not_exists.xml", "0010_set_datetime_precision.xml");
    List<String> at =
        StreamSupport.stream(report.path("findings").spliterator(), false)
            .map(
                f ->
                    f.path("rule").asText()
                        + "@"
                        + f.path("path").asText().replaceAll(".*/", "")
                        + ":"
                        + f.path("line").asInt())
            .toList();
    assertThat(at)
        .as("the customChange is named on its changeset, next to what the rest of it does: " + run)
        .contains(
            "WD004@0009_set_and_encrypt_ro_if_not_exists.xml:25",
            "DS107@0009_set_and_encrypt_ro_if_not_exists.xml:25")
        .as(
            "modifyDataType to datetime(6): ACCESS EXCLUSIVE with no lock_timeout, and timestamp without time zone")
        .contains(
            "LK115@0010_set_datetime_precision.xml:25", "TY103@0010_set_datetime_precision.xml:25");
  }

  private static String changelog(String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.1.xsd">
        """
        + body
        + "</databaseChangeLog>\n";
  }

  private static final String ORDERS =
      """
          <changeSet id="1" author="a">
              <createTable tableName="orders">
                  <column name="id" type="bigint"/>
                  <column name="amount" type="int"/>
              </createTable>
          </changeSet>
      """;

  private static String view(String select, boolean runOnChange) {
    return """
            <changeSet id="view" author="a"%s>
                <sql>DROP VIEW IF EXISTS orders_v; CREATE VIEW orders_v AS %s</sql>
            </changeSet>
        """
        .formatted(runOnChange ? " runOnChange=\"true\"" : "", select);
  }

  private static final String NOTE =
      """
          <changeSet id="2" author="a"><addColumn tableName="orders"><column name="note" type="text"/></addColumn></changeSet>
      """;

  /** Base: orders and its view; head: the view edited (it drops a column) and a new changeset. */
  private Cli.Run editTheView(boolean runOnChange) {
    Path base = tmp.resolve("base");
    Path head = tmp.resolve("head");
    String path = "db/changelog/db.changelog-master.xml";
    ReportJson.write(
        base.resolve(path), changelog(ORDERS + view("SELECT id, amount FROM orders", runOnChange)));
    ReportJson.write(
        head.resolve(path), changelog(ORDERS + view("SELECT id FROM orders", runOnChange) + NOTE));
    return review(head, base);
  }

  private static List<String> changesets(JsonNode report) {
    List<String> ids = new ArrayList<>();
    report
        .path("migrations")
        .forEach(m -> ids.add(m.path("id").asText() + " " + m.path("kind").asText()));
    return ids;
  }

  @Test
  void an_edited_run_on_change_changeset_replays_its_base_version_and_is_no_modified_migration() {
    Cli.Run run = editTheView(true);

    JsonNode report = json(run);
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(changesets(report))
        .as(run.toString())
        .containsExactly("view::a repeatable", "2::a changeset");
    assertThat(findings(report, "MG001"))
        .as("Liquibase re-applies a runOnChange changeset: " + run)
        .isEmpty();
    assertThat(findings(report, "TR101")).as(run.toString()).isEmpty();
  }

  @Test
  void an_edited_changeset_without_run_on_change_is_still_a_modified_migration() {
    Cli.Run run = editTheView(false);

    JsonNode report = json(run);
    assertThat(changesets(report))
        .as(run.toString())
        .containsExactly("view::a changeset", "2::a changeset");
    assertThat(findings(report, "MG001"))
        .as("Liquibase refuses its changed checksum")
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.path("message").asText())
                    .startsWith("changeset db.changelog-master.xml#view::a"));
  }
}
