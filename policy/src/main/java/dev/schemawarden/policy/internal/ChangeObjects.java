package dev.schemawarden.policy.internal;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.QualifiedName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The schema objects a change touches, as qualified lower-case names: {@code sales} for a schema,
 * {@code public.users} for a table, {@code public.users.email} for a column. Unqualified names mean
 * {@code public}, PostgreSQL's default search path.
 */
public final class ChangeObjects {
  public static final String DEFAULT_SCHEMA = "public";

  private ChangeObjects() {}

  public static List<String> of(Change change) {
    Set<String> out = new LinkedHashSet<>();
    if (change instanceof Change.CreateTable c) {
      out.add(q(c.table()));
    } else if (change instanceof Change.AlterTable a) {
      String table = q(a.table());
      out.add(table);
      for (AlterAction action : a.actions()) {
        column(action).ifPresent(col -> out.add(table + "." + col.toLowerCase(Locale.ROOT)));
      }
    } else if (change instanceof Change.CreateIndex c) {
      out.add(q(c.table()));
    } else if (change instanceof Change.Drop d) {
      for (QualifiedName n : d.names()) {
        out.add(
            d.kind() == Change.ObjectKind.SCHEMA || d.kind() == Change.ObjectKind.DATABASE
                ? n.name().toLowerCase(Locale.ROOT)
                : q(n));
      }
    } else if (change instanceof Change.Truncate t) {
      t.tables().forEach(n -> out.add(q(n)));
    } else if (change instanceof Change.DataChange d) {
      d.table().ifPresent(n -> out.add(q(n)));
    } else if (change instanceof Change.Rename r) {
      out.add(
          r.kind() == Change.ObjectKind.SCHEMA
              ? r.from().name().toLowerCase(Locale.ROOT)
              : q(r.from()));
    } else if (change instanceof Change.CreateView v) {
      out.add(q(v.name()));
    } else if (change instanceof Change.RefreshMaterializedView v) {
      out.add(q(v.name()));
    } else if (change instanceof Change.Reindex r) {
      out.add(q(r.name()));
    } else if (change instanceof Change.Vacuum v) {
      v.tables().forEach(n -> out.add(q(n)));
    } else if (change instanceof Change.Cluster c) {
      c.table().ifPresent(n -> out.add(q(n)));
    } else if (change instanceof Change.CreateType t) {
      out.add(q(t.name()));
    } else if (change instanceof Change.AddEnumValue e) {
      out.add(q(e.type()));
    } else if (change instanceof Change.RenameEnumValue e) {
      out.add(q(e.type()));
    } else if (change instanceof Change.CreateDomain d) {
      out.add(q(d.name()));
    } else if (change instanceof Change.AlterDomain d) {
      out.add(q(d.name()));
    } else if (change instanceof Change.Other o) {
      o.target().ifPresent(n -> out.add(q(n)));
    }
    return List.copyOf(new ArrayList<>(out));
  }

  private static java.util.Optional<String> column(AlterAction a) {
    if (a instanceof AlterAction.AddColumn c) {
      return java.util.Optional.of(c.column().name());
    } else if (a instanceof AlterAction.DropColumn c) {
      return java.util.Optional.of(c.column());
    } else if (a instanceof AlterAction.AlterColumnType c) {
      return java.util.Optional.of(c.column());
    } else if (a instanceof AlterAction.SetNotNull c) {
      return java.util.Optional.of(c.column());
    } else if (a instanceof AlterAction.DropNotNull c) {
      return java.util.Optional.of(c.column());
    } else if (a instanceof AlterAction.SetDefault c) {
      return java.util.Optional.of(c.column());
    } else if (a instanceof AlterAction.DropDefault c) {
      return java.util.Optional.of(c.column());
    } else if (a instanceof AlterAction.RenameColumn c) {
      return java.util.Optional.of(c.from());
    }
    return java.util.Optional.empty();
  }

  private static String q(QualifiedName n) {
    return n.withDefaultSchema(DEFAULT_SCHEMA).toString().toLowerCase(Locale.ROOT);
  }
}
