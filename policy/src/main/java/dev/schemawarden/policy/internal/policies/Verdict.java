package dev.schemawarden.policy.internal.policies;

import dev.schemawarden.policy.api.Approval;
import java.util.List;
import java.util.Objects;

/** What one policy concluded about the facts. */
public sealed interface Verdict {

  /** What matched, for the decision's explanation ("db/V3.sql:4 destructive public.users"). */
  List<String> details();

  record NoMatch() implements Verdict {
    @Override
    public List<String> details() {
      return List.of();
    }
  }

  record Deny(String reason, List<String> details) implements Verdict {
    public Deny {
      Objects.requireNonNull(reason, "reason");
      details = List.copyOf(details);
    }
  }

  /** {@code count} distinct eligible approvals from {@code approvers} ({@code *} = any eligible reviewer). */
  record Require(int count, List<String> approvers, String reason, List<String> details)
      implements Verdict {
    public Require {
      approvers = List.copyOf(approvers);
      Objects.requireNonNull(reason, "reason");
      details = List.copyOf(details);
    }
  }

  record Warn(String reason, List<String> details) implements Verdict {
    public Warn {
      Objects.requireNonNull(reason, "reason");
      details = List.copyOf(details);
    }
  }

  /** These approvals do not count towards any requirement, each for the reason given. */
  record SetAside(List<Excluded> excluded) implements Verdict {
    public SetAside {
      excluded = List.copyOf(excluded);
    }

    @Override
    public List<String> details() {
      return excluded.stream()
          .map(
              e ->
                  e.approval().user()
                      + " ("
                      + e.approval().state().name().toLowerCase(java.util.Locale.ROOT)
                      + " on "
                      + Shas.abbrev(e.approval().sha())
                      + "): "
                      + e.why())
          .toList();
    }
  }

  record Excluded(Approval approval, String why) {}
}
