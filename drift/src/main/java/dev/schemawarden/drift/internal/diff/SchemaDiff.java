package dev.schemawarden.drift.internal.diff;

import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.Column;
import dev.schemawarden.drift.api.SchemaSnapshot.Constraint;
import dev.schemawarden.drift.api.SchemaSnapshot.Index;
import dev.schemawarden.drift.api.SchemaSnapshot.Sequence;
import dev.schemawarden.drift.api.SchemaSnapshot.Table;
import dev.schemawarden.drift.api.SchemaSnapshot.Trigger;
import dev.schemawarden.drift.api.SchemaSnapshot.TypeDef;
import dev.schemawarden.drift.api.SchemaSnapshot.View;
import dev.schemawarden.drift.internal.diagnose.Names;
import dev.schemawarden.drift.internal.mysql.MysqlSnapshots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The structural diff of the expected schema (the migration history replayed) and production's. Compares what a
 * migration can change and a person can drift: objects and their definitions. Owners, grants and comments are not
 * compared (the replay runs as another role); the migration tools' own history tables are not schema.
 */
public final class SchemaDiff {
  static final Set<String> TOOL_TABLES =
      Set.of("flyway_schema_history", "databasechangelog", "databasechangeloglock");

  /** A drift item and the table or view it belongs to ({@code schema.name}), for crossing with a PR's statements. */
  public record Drift(DriftItem item, Optional<String> relation) {}

  private final List<Drift> out = new ArrayList<>();

  private SchemaDiff() {}

  public static List<DriftItem> items(SchemaSnapshot expected, SchemaSnapshot actual) {
    return diff(expected, actual).stream().map(Drift::item).toList();
  }

  public static List<Drift> diff(SchemaSnapshot expected, SchemaSnapshot actual) {
    SchemaDiff d = new SchemaDiff();
    d.run(MysqlSnapshots.aligned(expected, actual), actual);
    d.out.sort(
        Comparator.comparing((Drift x) -> x.item().object())
            .thenComparing(x -> x.item().objectType())
            .thenComparing(x -> x.item().kind())
            .thenComparing(x -> x.item().message()));
    return List.copyOf(d.out);
  }

  private void run(SchemaSnapshot e, SchemaSnapshot a) {
    pairs(
        "schema",
        e.schemas(),
        a.schemas(),
        SchemaSnapshot.Schema::name,
        Optional::empty,
        (x, y) -> {});
    pairs(
        "extension",
        e.extensions(),
        a.extensions(),
        SchemaSnapshot.Extension::name,
        Optional::empty,
        (x, y) ->
            changed("extension", x.name(), Optional.empty(), "version", x.version(), y.version()));
    pairs(
        "type",
        e.types(),
        a.types(),
        TypeDef::qualified,
        Optional::empty,
        (x, y) ->
            changed(
                "type", x.qualified(), Optional.empty(), "definition", typeText(x), typeText(y)));
    pairs(
        "sequence",
        e.sequences(),
        a.sequences(),
        Sequence::qualified,
        Optional::empty,
        (x, y) ->
            changed(
                "sequence", x.qualified(), Optional.empty(), "parameters", seqText(x), seqText(y)));
    pairs("table", tables(e), tables(a), Table::qualified, Optional::empty, this::table);
    pairs(
        "view",
        e.views(),
        a.views(),
        View::qualified,
        Optional::empty,
        (x, y) -> {
          String type = y.materialized() ? "materialized_view" : "view";
          changed(type, x.qualified(), Optional.of(x.qualified()), "kind", kind(x), kind(y));
          changed(
              type,
              x.qualified(),
              Optional.of(x.qualified()),
              "definition",
              x.definition().strip(),
              y.definition().strip());
          indexes(x.qualified(), x.schema(), x.indexes(), y.indexes());
        });
    pairs(
        "function",
        e.routines(),
        a.routines(),
        SchemaSnapshot.Routine::signature,
        Optional::empty,
        (x, y) -> {
          if (x.definition().isPresent() && y.definition().isPresent()) {
            changed(
                x.kind().equals("procedure") ? "procedure" : "function",
                x.signature(),
                Optional.empty(),
                "body",
                x.definition().get().strip(),
                y.definition().get().strip());
          }
        });
  }

  private static String kind(View v) {
    return v.materialized() ? "materialized view" : "view";
  }

  private static List<Table> tables(SchemaSnapshot s) {
    // Liquibase creates DATABASECHANGELOG in upper case where the database keeps the case (MySQL,
    // MariaDB)
    return s.tables().stream()
        .filter(t -> !TOOL_TABLES.contains(t.name().toLowerCase(java.util.Locale.ROOT)))
        .toList();
  }

  private void table(Table x, Table y) {
    String t = x.qualified();
    Optional<String> rel = Optional.of(t);
    changed("table", t, rel, "kind", x.kind(), y.kind());
    changed("table", t, rel, "persistence", x.persistence(), y.persistence());
    changed(
        "table",
        t,
        rel,
        "partition key",
        x.partitionKey().orElse("none"),
        y.partitionKey().orElse("none"));
    changed(
        "table",
        t,
        rel,
        "partition bound",
        x.partitionBound().orElse("none"),
        y.partitionBound().orElse("none"));
    pairs(
        "column",
        x.columns(),
        y.columns(),
        c -> t + "." + c.name(),
        () -> rel,
        (c, d) -> column(t, c, d));
    pairs(
        "constraint",
        x.constraints(),
        y.constraints(),
        c -> t + "." + c.name(),
        () -> rel,
        (c, d) ->
            changed(
                "constraint",
                t + "." + c.name(),
                rel,
                "definition",
                constraintText(c),
                constraintText(d)));
    indexes(t, x.schema(), x.indexes(), y.indexes());
    pairs(
        "trigger",
        x.triggers(),
        y.triggers(),
        g -> t + "." + g.name(),
        () -> rel,
        (g, h) -> {
          changed("trigger", t + "." + g.name(), rel, "definition", g.definition(), h.definition());
          changed("trigger", t + "." + g.name(), rel, "enabled", enabled(g), enabled(h));
        });
  }

  private void indexes(String relation, String schema, List<Index> x, List<Index> y) {
    Optional<String> rel = Optional.of(relation);
    pairs(
        "index",
        x,
        y,
        i -> schema + "." + i.name(),
        () -> rel,
        (i, j) -> {
          changed(
              "index", schema + "." + i.name(), rel, "definition", i.definition(), j.definition());
          changed(
              "index",
              schema + "." + i.name(),
              rel,
              "validity",
              i.valid() ? "valid" : "invalid",
              j.valid() ? "valid" : "invalid");
        });
  }

  private void column(String table, Column x, Column y) {
    String name = table + "." + x.name();
    Optional<String> rel = Optional.of(table);
    changed("column", name, rel, "type", x.type(), y.type());
    changed(
        "column",
        name,
        rel,
        "default",
        x.defaultExpr().orElse("no default"),
        y.defaultExpr().orElse("no default"));
    changed(
        "column",
        name,
        rel,
        "nullability",
        x.notNull() ? "NOT NULL" : "nullable",
        y.notNull() ? "NOT NULL" : "nullable");
    changed(
        "column", name, rel, "identity", x.identity().orElse("none"), y.identity().orElse("none"));
    changed(
        "column",
        name,
        rel,
        "generated expression",
        x.generated().orElse("none"),
        y.generated().orElse("none"));
    changed(
        "column",
        name,
        rel,
        "collation",
        x.collation().orElse("the type's default"),
        y.collation().orElse("the type's default"));
  }

  private static String enabled(Trigger t) {
    return switch (t.enabled()) {
      case "D" -> "disabled";
      case "R" -> "enabled on replicas only";
      case "A" -> "always enabled";
      default -> "enabled";
    };
  }

  private static String constraintText(Constraint c) {
    return c.definition();
  }

  private static String typeText(TypeDef t) {
    StringBuilder sb = new StringBuilder(t.kind());
    if (!t.labels().isEmpty()) {
      sb.append(" (").append(String.join(", ", t.labels())).append(')');
    }
    t.baseType().ifPresent(b -> sb.append(" over ").append(b));
    t.defaultExpr().ifPresent(d -> sb.append(" default ").append(d));
    if (t.notNull()) {
      sb.append(" not null");
    }
    t.constraints().forEach(c -> sb.append(' ').append(c.definition()));
    t.attributes().forEach(a -> sb.append(' ').append(a.name()).append(' ').append(a.type()));
    return sb.toString();
  }

  private static String seqText(Sequence q) {
    return q.dataType()
        + " start "
        + q.start()
        + " increment "
        + q.increment()
        + " min "
        + q.min()
        + " max "
        + q.max()
        + " cache "
        + q.cache()
        + (q.cycle() ? " cycle" : "");
  }

  private <T> void pairs(
      String type,
      List<T> expected,
      List<T> actual,
      Function<T, String> key,
      java.util.function.Supplier<Optional<String>> relation,
      java.util.function.BiConsumer<T, T> both) {
    Map<String, T> e = index(expected, key);
    Map<String, T> a = index(actual, key);
    Set<String> names = new TreeSet<>(e.keySet());
    names.addAll(a.keySet());
    for (String name : names) {
      T x = e.get(name);
      T y = a.get(name);
      Optional<String> rel =
          relation.get().isPresent()
              ? relation.get()
              : type.equals("table") || type.equals("view") ? Optional.of(name) : Optional.empty();
      if (y == null) {
        add(
            "missing",
            type,
            name,
            rel,
            Optional.of("present"),
            Optional.empty(),
            type
                + " "
                + Names.escape(name)
                + " is in the migration history but missing in production");
      } else if (x == null) {
        add(
            "extra",
            type,
            name,
            rel,
            Optional.empty(),
            Optional.of("present"),
            type + " " + Names.escape(name) + " exists in production but no migration creates it");
      } else {
        both.accept(x, y);
      }
    }
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    Map<String, T> m = new LinkedHashMap<>();
    items.forEach(i -> m.put(key.apply(i), i));
    return m;
  }

  private void changed(
      String type,
      String name,
      Optional<String> relation,
      String aspect,
      String expected,
      String actual) {
    if (!expected.equals(actual)) {
      add(
          "changed",
          type,
          name,
          relation,
          Optional.of(expected),
          Optional.of(actual),
          type
              + " "
              + Names.escape(name)
              + ": "
              + aspect
              + " is "
              + oneLine(expected)
              + " in the migration history but "
              + oneLine(actual)
              + " in production");
    }
  }

  private static String oneLine(String text) {
    String s = Names.escape(text.strip().replaceAll("\\s+", " "));
    return "`" + (s.length() > 200 ? s.substring(0, 197) + "..." : s) + "`";
  }

  private void add(
      String kind,
      String type,
      String name,
      Optional<String> relation,
      Optional<String> expected,
      Optional<String> actual,
      String message) {
    out.add(new Drift(new DriftItem(kind, type, name, expected, actual, message), relation));
  }
}
