package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.QualifiedName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One statement form and what PostgreSQL must be seen doing: lock modes on pre-existing relations, which relations
 * it rewrites and which it reads in full. {@code absent} lists relations that must NOT be locked at all.
 */
record TraceCase(
    String name,
    String sql,
    Change change,
    Map<String, LockMode> locks,
    Set<String> rewrites,
    Set<String> scans,
    Set<String> absent,
    int minMajor) {

  @Override
  public String toString() {
    return name;
  }

  static Builder of(String name, String sql) {
    return new Builder(name, sql);
  }

  static final class Builder {
    private final String name;
    private final String sql;
    private Change change;
    private final Map<String, LockMode> locks = new LinkedHashMap<>();
    private Set<String> rewrites = Set.of();
    private Set<String> scans = Set.of();
    private Set<String> absent = Set.of();
    private int minMajor = 0;

    Builder(String name, String sql) {
      this.name = name;
      this.sql = sql;
      this.change = new Change.Other(sql.split(" ")[0], Change.ObjectKind.OTHER, Optional.empty());
    }

    Builder lock(String relation, LockMode mode) {
      locks.put("public." + relation, mode);
      return this;
    }

    Builder rewrites(String... relations) {
      rewrites = qualify(relations);
      return this;
    }

    Builder scans(String... relations) {
      scans = qualify(relations);
      return this;
    }

    Builder noLockOn(String... relations) {
      absent = qualify(relations);
      return this;
    }

    Builder change(Change c) {
      change = c;
      return this;
    }

    Builder since(int major) {
      minMajor = major;
      return this;
    }

    TraceCase build() {
      return new TraceCase(name, sql, change, Map.copyOf(locks), rewrites, scans, absent, minMajor);
    }

    private static Set<String> qualify(String... relations) {
      return Set.copyOf(List.of(relations).stream().map(r -> "public." + r).toList());
    }
  }

  static QualifiedName q(String name) {
    return QualifiedName.of("public", name);
  }

  static Change concurrentIndex(String table) {
    return new Change.CreateIndex(
        Optional.of("i"), q(table), false, true, false, List.of("amount"), Optional.empty(), false);
  }

  static Change dropIndexConcurrently(String index) {
    return new Change.Drop(Change.ObjectKind.INDEX, List.of(q(index)), false, false, true);
  }

  static Change reindexConcurrently(String index) {
    return new Change.Reindex(Change.ObjectKind.INDEX, q(index), true);
  }

  static Change vacuum(String table) {
    return new Change.Vacuum(false, List.of(q(table)));
  }

  static Change detachConcurrently(String parent, String partition) {
    return new Change.AlterTable(
        q(parent),
        false,
        false,
        List.of(new AlterAction.DetachPartition(q(partition), true, false)));
  }
}
