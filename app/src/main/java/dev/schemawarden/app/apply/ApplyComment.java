package dev.schemawarden.app.apply;

import java.util.List;

/** The pull request comment after an apply on merge: one row per environment, each naming its audit entry. */
public final class ApplyComment {
  private ApplyComment() {}

  /** Markdown for {@code results} of applying {@code mergeSha}; the caller adds the comment marker. */
  public static String render(String mergeSha, List<ApplyResult> results) {
    boolean ok = results.stream().allMatch(ApplyResult::ok);
    boolean refused = results.stream().anyMatch(r -> r.status() == ApplyResult.Status.REFUSED);
    boolean needsHuman =
        results.stream().anyMatch(r -> r.status() == ApplyResult.Status.NEEDS_HUMAN);
    String headline = ok ? "applied" : refused ? "refused" : needsHuman ? "needs-human" : "failed";
    StringBuilder b =
        new StringBuilder("### Schema Warden apply: ")
            .append(headline)
            .append("\n\n")
            .append("Merged commit `")
            .append(ApplyService.abbrev(mergeSha))
            .append("`, environments with ")
            .append("`apply: auto`, in order.\n\n")
            .append("| environment | result | audit entry | details |\n|---|---|---|---|\n");
    for (ApplyResult r : results) {
      b.append("| ")
          .append(cell(r.environment()))
          .append(" | **")
          .append(r.status().label())
          .append("** | ")
          .append(r.auditSeq().isPresent() ? "#" + r.auditSeq().getAsLong() : "-")
          .append(" | ")
          .append(cell(r.message()))
          .append(" |\n");
    }
    b.append(
        "\nInspect an entry with `warden audit show N`, or `GET /api/audit`; `warden audit verify` checks"
            + " the chain.");
    if (!ok) {
      b.append(
          refused
              ? " Nothing was changed where the apply was refused; a refused decision is not lifted by merging."
                  + " Fix the migration in a new pull request, or run `warden apply` by hand once it is approved."
              : needsHuman
                  ? " A migration stopped part-way outside a transaction and was not retried: a person must check the"
                      + " database, finish or undo it and resolve it (`warden apply --resolve`) before the next apply;"
                      + " the audit entry lists which statements took effect."
                  : " A failed apply stopped the later environments; see the audit entry for which statements ran.");
    }
    return b.append('\n').toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
