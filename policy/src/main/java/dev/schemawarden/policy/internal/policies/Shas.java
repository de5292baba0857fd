package dev.schemawarden.policy.internal.policies;

/** Commit ids as people read them. */
public final class Shas {
  private Shas() {}

  public static String abbrev(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
