package dev.schemawarden.app.audit;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The result of recomputing the chain.
 *
 * @param entries how many entries were checked
 * @param headSeq the last entry's seq (0 for an empty log)
 * @param headHash the last entry's hash: keep it somewhere else (a PR comment, a ticket) to detect a truncated tail
 * @param firstBad the first entry that was altered, removed or reordered; empty when the chain verifies
 * @param problem what is wrong with it, in a sentence
 */
public record VerifyResult(
    long entries, long headSeq, String headHash, OptionalLong firstBad, String problem) {
  public VerifyResult {
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(firstBad, "firstBad");
    Objects.requireNonNull(problem, "problem");
  }

  public boolean ok() {
    return firstBad.isEmpty();
  }
}
