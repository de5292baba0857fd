package dev.schemawarden.policy.internal.policies;

import dev.schemawarden.analyzers.api.Finding;
import java.util.List;

/**
 * POL003, the built-in sandbox floor: a change with a TR108 finding (a statement that tried to reach outside the
 * replica sandbox: a server program or file, the server's configuration, another role) needs at least one approval
 * from a human other than its author and committers. It reads every finding of the change, before overrides, so
 * neither an override of TR108 nor a policy file can lower it; the policy file may add stricter rules (a deny).
 */
public final class SandboxEscapeFloor implements Policy {
  public static final String ID = "POL003";

  /** The trace's finding id for a sandbox escape (see docs/rules/TR108.md). */
  static final String SANDBOX_ESCAPE = "TR108";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "a statement that tried to reach outside the replica sandbox always needs a human approval";
  }

  @Override
  public Verdict evaluate(PolicyInput input) {
    List<String> details =
        input.facts().findings().stream()
            .filter(f -> f.rule().equalsIgnoreCase(SANDBOX_ESCAPE))
            .map(SandboxEscapeFloor::describe)
            .toList();
    if (details.isEmpty()) {
      return new Verdict.NoMatch();
    }
    return new Verdict.Require(
        1,
        List.of("*"),
        "a statement tried to reach outside the replica sandbox; a human must look at it ("
            + details.get(0)
            + (details.size() > 1 ? " and " + (details.size() - 1) + " more" : "")
            + ")",
        details);
  }

  private static String describe(Finding f) {
    return f.span().path() + ":" + f.span().line() + " " + f.rule();
  }
}
