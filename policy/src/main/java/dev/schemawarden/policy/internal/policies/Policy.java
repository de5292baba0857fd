package dev.schemawarden.policy.internal.policies;

/**
 * One policy: an id ({@code POL001} for built-ins, the file's id for policy-file rules), one line for people, and
 * a pure function from the facts to a {@link Verdict}. No I/O, no clock: everything it needs is in the input.
 */
public interface Policy {

  String id();

  String description();

  Verdict evaluate(PolicyInput input);
}
