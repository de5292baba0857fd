package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.StatementEffects.ObservedLock;
import dev.schemawarden.analyzers.api.TraceAnalysis.Statistics;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.TraceResult.RelationFacts;
import dev.schemawarden.analyzers.api.TraceResult.Status;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TR109 and TR110: what a statement did to relations it does not name, as only the trace sees it. Dropping a
 * foreign key locks the table it references, dropping a partition locks its partitioned table, {@code CASCADE}
 * drops views nobody listed. Pure: the catalog facts come with the trace.
 */
final class UnnamedRelations {

  private UnnamedRelations() {}

  static List<Finding> findings(TraceResult trace, Statistics statistics) {
    List<Finding> out = new ArrayList<>();
    List<TracedStatement> statements = trace.statements();
    for (int i = 0; i < statements.size(); i++) {
      TracedStatement ts = statements.get(i);
      List<QualifiedName> named = named(ts.statement().change());
      if (ts.status() != Status.OK || named.isEmpty()) {
        continue; // a statement we cannot attribute names nothing we could compare with
      }
      List<String> gone = dropped(trace, ts, named, statements.subList(i + 1, statements.size()));
      if (!gone.isEmpty()) {
        out.add(
            TraceVerdicts.finding(
                TraceRules.TR110,
                Severity.ERROR,
                ts,
                Concerns.DROP_CASCADE,
                false,
                "also dropped "
                    + gone.stream()
                        .map(r -> kind(trace, r) + " " + r)
                        .collect(Collectors.joining(", "))
                    + ", which the statement does not name and the change does not recreate: whatever reads "
                    + (gone.size() == 1 ? "it" : "them")
                    + " fails once this runs."));
      }
      Set<String> droppedHere = new HashSet<>(ts.droppedObjects());
      for (ObservedLock l : ts.effects().locks()) {
        RelationFacts f = trace.relations().get(l.relation());
        if (l.heldEarlier()
            || !l.mode().blocksWrites()
            || droppedHere.contains(l.relation())
            || f == null
            || !f.userFacing()
            || covered(trace, l.relation(), named)) {
          continue;
        }
        out.add(
            TraceVerdicts.finding(
                TraceRules.TR109,
                severity(l, statistics),
                ts,
                Concerns.unnamedLock(l.relation()),
                ImpactEstimator.stats(statistics, l.relation()).isPresent(),
                l.mode().sqlName()
                    + " on "
                    + l.relation()
                    + ", which the statement does not name: "
                    + why(trace, l.relation(), named)
                    + ". Until the transaction ends it "
                    + LockConflicts.describe(l.mode())
                    + " on "
                    + l.relation()
                    + "."));
      }
    }
    return out;
  }

  /** The relations a statement names, as written. */
  static List<QualifiedName> named(Change c) {
    List<QualifiedName> out = new ArrayList<>();
    if (c instanceof Change.AlterTable a) {
      out.add(a.table());
      for (AlterAction x : a.actions()) {
        if (x instanceof AlterAction.AttachPartition p) {
          out.add(p.partition());
        } else if (x instanceof AlterAction.DetachPartition p) {
          out.add(p.partition());
        } else if (x instanceof AlterAction.AddConstraint k) {
          k.constraint().references().ifPresent(out::add);
        } else if (x instanceof AlterAction.AddColumn col) {
          col.column().inlineConstraint().flatMap(ConstraintDef::references).ifPresent(out::add);
        }
      }
    } else if (c instanceof Change.CreateIndex ci) {
      out.add(ci.table());
    } else if (c instanceof Change.Drop d) {
      out.addAll(d.names());
      d.on().ifPresent(out::add);
    } else if (c instanceof Change.Reindex r) {
      out.add(r.name());
    } else if (c instanceof Change.Vacuum v) {
      out.addAll(v.tables());
    } else if (c instanceof Change.Cluster cl) {
      cl.table().ifPresent(out::add);
    } else if (c instanceof Change.Truncate t) {
      out.addAll(t.tables());
    } else if (c instanceof Change.Rename r) {
      out.add(r.from());
    } else if (c instanceof Change.RefreshMaterializedView r) {
      out.add(r.name());
    } else if (c instanceof Change.CreateView v) {
      out.add(v.name());
    } else if (c instanceof Change.DataChange dc) {
      dc.table().ifPresent(out::add);
    }
    return out;
  }

  /** Pre-existing tables and views the statement dropped without naming them, that no later statement recreates. */
  private static List<String> dropped(
      TraceResult trace,
      TracedStatement ts,
      List<QualifiedName> named,
      List<TracedStatement> later) {
    Set<String> recreated = new HashSet<>();
    later.forEach(s -> recreated.addAll(s.createdObjects()));
    Set<String> droppedHere = new HashSet<>(ts.droppedObjects());
    return ts.droppedObjects().stream()
        .filter(
            r ->
                Optional.ofNullable(trace.relations().get(r))
                    .map(RelationFacts::userFacing)
                    .orElse(false))
        .filter(r -> !covered(trace, r, named))
        // the partitions of a dropped partitioned table go with it: DROP TABLE says so without
        // CASCADE
        .filter(
            r ->
                trace
                    .relations()
                    .get(r)
                    .partitionOf()
                    .filter(p -> droppedHere.contains(p) || names(named, p))
                    .isEmpty())
        .filter(r -> !recreated.contains(r))
        .sorted()
        .toList();
  }

  /** {@code relation} is named, or is the table of a named index. */
  private static boolean covered(TraceResult trace, String relation, List<QualifiedName> named) {
    if (names(named, relation)) {
      return true;
    }
    for (Map.Entry<String, RelationFacts> e : trace.relations().entrySet()) {
      if (e.getValue().table().filter(relation::equals).isPresent() && names(named, e.getKey())) {
        return true;
      }
    }
    return false;
  }

  private static boolean names(List<QualifiedName> named, String relation) {
    QualifiedName r = QualifiedName.parse(relation);
    return named.stream().anyMatch(n -> n.matches(r));
  }

  /** Why the statement locked {@code relation}, from the catalog before the trace. */
  private static String why(TraceResult trace, String relation, List<QualifiedName> named) {
    RelationFacts own = trace.relations().get(relation);
    for (Map.Entry<String, RelationFacts> e : trace.relations().entrySet()) {
      if (!names(named, e.getKey())) {
        continue;
      }
      if (e.getValue().references().contains(relation)) {
        return "it is the table a foreign key of "
            + e.getKey()
            + " references (dropping or changing that key"
            + " locks both tables)";
      }
      if (e.getValue().partitionOf().filter(relation::equals).isPresent()) {
        return "it is the partitioned table " + e.getKey() + " is a partition of";
      }
    }
    if (own.partitionOf().filter(p -> names(named, p)).isPresent()) {
      return "it is a partition of " + own.partitionOf().get();
    }
    Optional<String> referenced =
        own.references().stream().filter(r -> names(named, r)).findFirst();
    if (referenced.isPresent()) {
      return "its foreign key references " + referenced.get();
    }
    return "PostgreSQL locked it as a dependent of what the statement changes";
  }

  private static String kind(TraceResult trace, String relation) {
    return Optional.ofNullable(trace.relations().get(relation))
        .map(RelationFacts::kind)
        .orElse("relation");
  }

  /** As TR104 weighs a lock: info without production statistics or on an empty table, error on a hot one. */
  private static Severity severity(ObservedLock lock, Statistics statistics) {
    return ImpactEstimator.stats(statistics, lock.relation())
        .map(
            s -> {
              if (s.rows() == 0 && s.tableBytes() < ImpactEstimator.EMPTY_BYTES) {
                return Severity.INFO;
              }
              return lock.mode() == LockMode.ACCESS_EXCLUSIVE && s.hot()
                  ? Severity.ERROR
                  : Severity.WARNING;
            })
        .orElse(Severity.INFO);
  }
}
