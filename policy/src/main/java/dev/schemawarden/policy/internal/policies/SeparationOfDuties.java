package dev.schemawarden.policy.internal.policies;

import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.PrFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * POL002, separation of duties: sets aside every approval that must not count. The author, the change's
 * committers and bots (Schema Warden itself, any {@code [bot]} account) never approve; an approval counts only
 * for the exact head commit it was given on; a later review by the same person on that commit replaces an earlier
 * one. Team requirements are then met only by members per the directory at decision time, and one person counts
 * once per requirement (see {@code ApprovalCounter}).
 */
public final class SeparationOfDuties implements Policy {
  public static final String ID = "POL002";

  /** Deterministic order: time, then login, then commit. */
  static final Comparator<Approval> ORDER =
      Comparator.comparing(Approval::submittedAt)
          .thenComparing(Approval::user)
          .thenComparing(Approval::sha);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "authors, committers and bots never approve; approvals count only on the head commit";
  }

  @Override
  public Verdict evaluate(PolicyInput input) {
    PrFacts f = input.facts();
    Set<String> committers =
        f.committers().stream().map(SeparationOfDuties::login).collect(Collectors.toSet());
    List<Approval> sorted = f.approvals().stream().sorted(ORDER).toList();
    List<Verdict.Excluded> excluded = new ArrayList<>();
    for (Approval a : sorted) {
      if (a.state() != Approval.State.APPROVED) {
        continue; // not an approval; it only matters by superseding an earlier one below
      }
      reasonNotToCount(a, f, committers, sorted)
          .ifPresent(why -> excluded.add(new Verdict.Excluded(a, why)));
    }
    return new Verdict.SetAside(excluded);
  }

  private static Optional<String> reasonNotToCount(
      Approval a, PrFacts f, Set<String> committers, List<Approval> sorted) {
    String user = login(a.user());
    if (user.equals(login(f.botIdentity()))) {
      return Optional.of("Schema Warden cannot approve its own review");
    }
    if (user.endsWith("[bot]")) {
      return Optional.of("a bot is not a human reviewer");
    }
    if (user.equals(login(f.author()))) {
      return Optional.of("the author cannot approve their own change");
    }
    if (committers.contains(user)) {
      return Optional.of("committed to this change, so cannot approve it");
    }
    if (!a.sha().equals(f.headSha())) {
      return Optional.of(
          "given on "
              + Shas.abbrev(a.sha())
              + ", but the head is now "
              + Shas.abbrev(f.headSha())
              + ": a new push needs a new approval");
    }
    Optional<Approval> later =
        sorted.stream()
            .filter(
                o ->
                    login(o.user()).equals(user)
                        && o.sha().equals(f.headSha())
                        && ORDER.compare(o, a) > 0)
            .reduce((first, second) -> second);
    if (later.isPresent() && later.get().state() != Approval.State.APPROVED) {
      return Optional.of(
          "replaced by a later review ("
              + later.get().state().name().toLowerCase(Locale.ROOT)
              + " at "
              + later.get().submittedAt()
              + ")");
    }
    return Optional.empty();
  }

  static String login(String user) {
    String u = user.startsWith("@") ? user.substring(1) : user;
    return u.toLowerCase(Locale.ROOT);
  }
}
