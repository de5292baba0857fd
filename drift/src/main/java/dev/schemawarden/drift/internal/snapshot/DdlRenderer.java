package dev.schemawarden.drift.internal.snapshot;

import static dev.schemawarden.drift.internal.snapshot.Sql.ident;
import static dev.schemawarden.drift.internal.snapshot.Sql.literal;

import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.Column;
import dev.schemawarden.drift.api.SchemaSnapshot.Constraint;
import dev.schemawarden.drift.api.SchemaSnapshot.Dependency;
import dev.schemawarden.drift.api.SchemaSnapshot.Index;
import dev.schemawarden.drift.api.SchemaSnapshot.Routine;
import dev.schemawarden.drift.api.SchemaSnapshot.Sequence;
import dev.schemawarden.drift.api.SchemaSnapshot.Table;
import dev.schemawarden.drift.api.SchemaSnapshot.TypeDef;
import dev.schemawarden.drift.api.SchemaSnapshot.View;
import dev.schemawarden.replica.api.SchemaSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a snapshot as DDL that recreates its schema on an empty database, in an order that satisfies the
 * dependencies: schemas, extensions, types, sequences, tables (without defaults), functions (with
 * {@code check_function_bodies} off, as pg_dump does), defaults and sequence ownership, constraints (primary keys,
 * unique and exclusion before checks before foreign keys), indexes, views in dependency order, triggers, comments,
 * ownership and grants. Defaults come after the functions because a default may call one, and a SQL function's
 * {@code BEGIN ATOMIC} body may read a table.
 */
public final class DdlRenderer {
  private final StringBuilder out = new StringBuilder();
  private final List<String> statements = new ArrayList<>();
  private final boolean ownership;

  private DdlRenderer(boolean ownership) {
    this.ownership = ownership;
  }

  /** {@code ownership}: whether to render OWNER TO and GRANTs (needs the snapshot's roles on the target). */
  public static String render(SchemaSnapshot s, boolean ownership) {
    DdlRenderer r = new DdlRenderer(ownership);
    r.all(s);
    return r.out.toString();
  }

  /** The same DDL as {@link #render}, one statement per element, without terminators or comments. */
  public static List<String> statements(SchemaSnapshot s, boolean ownership) {
    DdlRenderer r = new DdlRenderer(ownership);
    r.all(s);
    return List.copyOf(r.statements);
  }

  /** {@link #render} and {@link #statements} from one rendering, as a replica's schema source. */
  public static SchemaSource.Snapshot source(SchemaSnapshot s, boolean ownership) {
    DdlRenderer r = new DdlRenderer(ownership);
    r.all(s);
    return new SchemaSource.Snapshot(r.out.toString(), r.statements);
  }

  private void line(String sql) {
    out.append(sql).append(";\n");
    statements.add(sql);
  }

  private void section(String name) {
    out.append("\n-- ").append(name).append('\n');
  }

  private void all(SchemaSnapshot s) {
    out.append("-- Schema Warden: schema of a snapshot taken ")
        .append(s.takenAt())
        .append(" on PostgreSQL ")
        .append(s.server().version())
        .append('\n');
    line("SET check_function_bodies = false");
    section("schemas");
    s.schemas().forEach(x -> line("CREATE SCHEMA IF NOT EXISTS " + ident(x.name())));
    section("extensions");
    s.extensions()
        .forEach(
            x ->
                line(
                    "CREATE EXTENSION IF NOT EXISTS "
                        + ident(x.name())
                        + " WITH SCHEMA "
                        + ident(x.schema())));
    section("types");
    for (String kind : List.of("enum", "composite", "domain")) {
      s.types().stream().filter(t -> t.kind().equals(kind)).forEach(this::type);
    }
    section("sequences");
    s.sequences().forEach(this::sequence);
    List<String> relations = new ArrayList<>();
    s.tables().forEach(t -> relations.add(sqlName(t.schema(), t.name())));
    s.views().forEach(v -> relations.add(sqlName(v.schema(), v.name())));
    section("functions that need no table");
    s.routines().stream().filter(r -> !late(r, relations)).forEach(this::routine);
    section("tables");
    orderedTables(s.tables()).forEach(this::table);
    section("functions that name a table (row types, BEGIN ATOMIC bodies)");
    s.routines().stream().filter(r -> late(r, relations)).forEach(this::routine);
    section("defaults and sequence ownership");
    for (Table t : s.tables()) {
      if (t.partitionOf().isPresent()) {
        continue; // a partition takes its parent's defaults (ALTER ... SET DEFAULT recurses)
      }
      for (Column c : t.columns()) {
        c.defaultExpr()
            .ifPresent(
                d ->
                    line(
                        "ALTER TABLE "
                            + ident(t.schema(), t.name())
                            + " ALTER COLUMN "
                            + ident(c.name())
                            + " SET DEFAULT "
                            + d));
      }
    }
    s.sequences()
        .forEach(
            q ->
                q.ownedBy()
                    .ifPresent(
                        o ->
                            line(
                                "ALTER SEQUENCE "
                                    + ident(q.schema(), q.name())
                                    + " OWNED BY "
                                    + o)));
    section("constraints");
    for (List<String> types :
        List.of(
            List.of("primary_key", "unique", "exclusion"),
            List.of("check"),
            List.of("foreign_key"))) {
      for (Table t : s.tables()) {
        for (Constraint c : t.constraints()) {
          if (types.contains(c.type())) {
            line(
                "ALTER TABLE "
                    + ident(t.schema(), t.name())
                    + " ADD CONSTRAINT "
                    + ident(c.name())
                    + " "
                    + c.definition());
          }
        }
      }
    }
    section("indexes");
    s.tables().forEach(t -> indexes(t.indexes()));
    orderedTables(s.tables()).forEach(this::attachedIndexes);
    section("views");
    for (View v : orderedViews(s)) {
      String options =
          v.options().isEmpty() ? "" : " WITH (" + String.join(", ", v.options()) + ")";
      String def = v.definition().strip();
      def = def.endsWith(";") ? def.substring(0, def.length() - 1) : def;
      line(
          "CREATE "
              + (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
              + ident(v.schema(), v.name())
              + options
              + " AS\n"
              + def);
      indexes(v.indexes());
    }
    section("triggers");
    for (Table t : s.tables()) {
      for (var g : t.triggers()) {
        line(g.definition());
        String state =
            switch (g.enabled()) {
              case "D" -> "DISABLE";
              case "R" -> "ENABLE REPLICA";
              case "A" -> "ENABLE ALWAYS";
              default -> "";
            };
        if (!state.isEmpty()) {
          line(
              "ALTER TABLE "
                  + ident(t.schema(), t.name())
                  + " "
                  + state
                  + " TRIGGER "
                  + ident(g.name()));
        }
      }
    }
    section("comments");
    comments(s);
    if (ownership) {
      section("ownership and grants");
      ownership(s);
    }
  }

  /**
   * Whether a routine must come after the tables: its signature or a {@code BEGIN ATOMIC} body (parsed at creation)
   * names one. Other bodies are not checked with check_function_bodies off, and early routines may serve as column
   * defaults or generated expressions.
   */
  private static boolean late(Routine r, List<String> relations) {
    String def = r.definition().orElse("");
    return def.contains("BEGIN ATOMIC") || relations.stream().anyMatch(def::contains);
  }

  private void routine(Routine r) {
    if (r.definition().isPresent()) {
      line(r.definition().get().strip());
    } else {
      out.append("-- ").append(r.signature()).append(": definition unreadable in the snapshot\n");
    }
  }

  private void type(TypeDef t) {
    String name = ident(t.schema(), t.name());
    switch (t.kind()) {
      case "enum" ->
          line(
              "CREATE TYPE "
                  + name
                  + " AS ENUM ("
                  + t.labels().stream().map(Sql::literal).collect(Collectors.joining(", "))
                  + ")");
      case "composite" ->
          line(
              "CREATE TYPE "
                  + name
                  + " AS ("
                  + t.attributes().stream()
                      .map(
                          a ->
                              ident(a.name())
                                  + " "
                                  + a.type()
                                  + a.collation().map(c -> " COLLATE " + c).orElse(""))
                      .collect(Collectors.joining(", "))
                  + ")");
      default -> {
        line(
            "CREATE DOMAIN "
                + name
                + " AS "
                + t.baseType().orElse("text")
                + t.defaultExpr().map(d -> " DEFAULT " + d).orElse("")
                + (t.notNull() ? " NOT NULL" : ""));
        t.constraints()
            .forEach(
                c ->
                    line(
                        "ALTER DOMAIN "
                            + name
                            + " ADD CONSTRAINT "
                            + ident(c.name())
                            + " "
                            + c.definition()));
      }
    }
  }

  private void sequence(Sequence q) {
    line(
        "CREATE SEQUENCE "
            + ident(q.schema(), q.name())
            + " AS "
            + q.dataType()
            + " INCREMENT BY "
            + q.increment()
            + " MINVALUE "
            + q.min()
            + " MAXVALUE "
            + q.max()
            + " START WITH "
            + q.start()
            + " CACHE "
            + q.cache()
            + (q.cycle() ? " CYCLE" : " NO CYCLE"));
  }

  /** Parents before their partitions. */
  private static List<Table> orderedTables(List<Table> tables) {
    List<Table> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<Table> left = new ArrayList<>(tables);
    while (!left.isEmpty()) {
      int before = left.size();
      for (var it = left.iterator(); it.hasNext(); ) {
        Table t = it.next();
        Optional<String> parent = t.partitionOf();
        if (parent.isEmpty()
            || done.contains(parent.get())
            || tables.stream().noneMatch(p -> sqlName(p.schema(), p.name()).equals(parent.get()))) {
          out.add(t);
          done.add(sqlName(t.schema(), t.name()));
          it.remove();
        }
      }
      if (left.size() == before) {
        out.addAll(left); // a cycle cannot happen in PostgreSQL; keep going rather than loop
        break;
      }
    }
    return out;
  }

  /** How {@code quote_ident} writes a qualified name: quotes only where needed. */
  private static String sqlName(String schema, String name) {
    return Identifiers.render(schema) + "." + Identifiers.render(name);
  }

  private void table(Table t) {
    String name = ident(t.schema(), t.name());
    String unlogged = t.persistence().equals("unlogged") ? "UNLOGGED " : "";
    String options = t.options().isEmpty() ? "" : " WITH (" + String.join(", ", t.options()) + ")";
    if (t.partitionOf().isPresent()) {
      line(
          "CREATE "
              + unlogged
              + "TABLE "
              + name
              + " PARTITION OF "
              + t.partitionOf().get()
              + " "
              + t.partitionBound().orElse("DEFAULT")
              + t.partitionKey().map(k -> " PARTITION BY " + k).orElse("")
              + options);
      return;
    }
    List<String> cols = new ArrayList<>();
    for (Column c : t.columns()) {
      StringBuilder col = new StringBuilder(ident(c.name())).append(' ').append(c.type());
      c.collation().ifPresent(x -> col.append(" COLLATE ").append(x));
      c.generated()
          .ifPresent(g -> col.append(" GENERATED ALWAYS AS (").append(g).append(") STORED"));
      c.identity()
          .ifPresent(
              i ->
                  col.append(
                      i.equals("always")
                          ? " GENERATED ALWAYS AS IDENTITY"
                          : " GENERATED BY DEFAULT AS IDENTITY"));
      if (c.notNull()) {
        col.append(" NOT NULL");
      }
      cols.add(col.toString());
    }
    line(
        "CREATE "
            + unlogged
            + "TABLE "
            + name
            + " (\n    "
            + String.join(",\n    ", cols)
            + "\n)"
            + t.partitionKey().map(k -> " PARTITION BY " + k).orElse("")
            + options);
  }

  private void indexes(List<Index> indexes) {
    for (Index i : indexes) {
      if (!i.backsConstraint() && i.attachedTo().isEmpty()) {
        line(i.definition());
      }
    }
  }

  /**
   * A partitioned table's index is created {@code ON ONLY} the parent (as pg_get_indexdef prints it), so each
   * partition's index is created and attached, as pg_dump does; partitions' constraint indexes come with the
   * parent's constraint.
   */
  private void attachedIndexes(Table t) {
    for (Index i : t.indexes()) {
      if (!i.backsConstraint() && i.attachedTo().isPresent()) {
        line(i.definition());
        line(
            "ALTER INDEX "
                + i.attachedTo().get()
                + " ATTACH PARTITION "
                + ident(t.schema(), i.name()));
      }
    }
  }

  /** Views after the views they read (dependencies recorded from pg_depend), otherwise by name. */
  private static List<View> orderedViews(SchemaSnapshot s) {
    Map<String, View> byName = new LinkedHashMap<>();
    s.views().forEach(v -> byName.put(v.qualified(), v));
    Map<String, Set<String>> needs = new LinkedHashMap<>();
    for (Dependency d : s.dependencies()) {
      if (byName.containsKey(d.referenced())) {
        needs.computeIfAbsent(d.dependent(), k -> new HashSet<>()).add(d.referenced());
      }
    }
    List<View> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (String name : byName.keySet()) {
      visit(name, byName, needs, done, out, new HashSet<>());
    }
    return out;
  }

  private static void visit(
      String name,
      Map<String, View> byName,
      Map<String, Set<String>> needs,
      Set<String> done,
      List<View> out,
      Set<String> path) {
    if (done.contains(name) || !path.add(name)) {
      return;
    }
    for (String dep : needs.getOrDefault(name, Set.of()).stream().sorted().toList()) {
      visit(dep, byName, needs, done, out, path);
    }
    done.add(name);
    out.add(byName.get(name));
  }

  private void comments(SchemaSnapshot s) {
    s.schemas().forEach(x -> comment("SCHEMA " + ident(x.name()), x.comment()));
    s.types()
        .forEach(
            x ->
                comment(
                    (x.kind().equals("domain") ? "DOMAIN " : "TYPE ") + ident(x.schema(), x.name()),
                    x.comment()));
    s.sequences().forEach(x -> comment("SEQUENCE " + ident(x.schema(), x.name()), x.comment()));
    for (Table t : s.tables()) {
      String name = ident(t.schema(), t.name());
      comment("TABLE " + name, t.comment());
      t.columns().forEach(c -> comment("COLUMN " + name + "." + ident(c.name()), c.comment()));
      t.constraints()
          .forEach(c -> comment("CONSTRAINT " + ident(c.name()) + " ON " + name, c.comment()));
      t.indexes().forEach(i -> comment("INDEX " + ident(t.schema(), i.name()), i.comment()));
    }
    s.views()
        .forEach(
            v ->
                comment(
                    (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                        + ident(v.schema(), v.name()),
                    v.comment()));
    s.routines().forEach(r -> comment("ROUTINE " + routineName(r), r.comment()));
  }

  private void comment(String target, Optional<String> text) {
    text.ifPresent(t -> line("COMMENT ON " + target + " IS " + literal(t)));
  }

  private static String routineName(Routine r) {
    return ident(r.schema(), r.name()) + "(" + r.arguments() + ")";
  }

  private void ownership(SchemaSnapshot s) {
    for (var x : s.schemas()) {
      owner("SCHEMA " + ident(x.name()), x.owner());
      grants("SCHEMA " + ident(x.name()), x.owner(), x.acl());
    }
    s.types()
        .forEach(
            x ->
                owner(
                    (x.kind().equals("domain") ? "DOMAIN " : "TYPE ") + ident(x.schema(), x.name()),
                    x.owner()));
    // Tables before sequences: a table's new owner carries over to the sequences it owns (serial
    // columns), and a sequence linked to a table cannot be given to anyone else.
    for (Table t : s.tables()) {
      owner("TABLE " + ident(t.schema(), t.name()), t.owner());
      grants("TABLE " + ident(t.schema(), t.name()), t.owner(), t.acl());
    }
    for (Sequence q : s.sequences()) {
      owner("SEQUENCE " + ident(q.schema(), q.name()), q.owner());
      grants("SEQUENCE " + ident(q.schema(), q.name()), q.owner(), q.acl());
    }
    for (View v : s.views()) {
      owner(
          (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + ident(v.schema(), v.name()),
          v.owner());
      grants("TABLE " + ident(v.schema(), v.name()), v.owner(), v.acl());
    }
    for (Routine r : s.routines()) {
      owner("ROUTINE " + routineName(r), r.owner());
      grants("ROUTINE " + routineName(r), r.owner(), r.acl());
    }
  }

  /** pg_database_owner owns public by default (15+) and cannot be granted to anyone, so it is left as it is. */
  private void owner(String target, String role) {
    if (!role.equals("pg_database_owner")) {
      line("ALTER " + target + " OWNER TO " + ident(role));
    }
  }

  /** An acl replaces the defaults: revoke what the defaults gave, then grant each item. */
  private void grants(String target, String owner, List<String> acl) {
    if (acl.isEmpty()) {
      return;
    }
    line("REVOKE ALL ON " + target + " FROM PUBLIC");
    if (!owner.equals("pg_database_owner")) {
      line("REVOKE ALL ON " + target + " FROM " + ident(owner));
    }
    for (String item : acl) {
      Acl.parse(item).ifPresent(a -> a.grants(target).forEach(this::line));
    }
  }
}
