package dev.schemawarden.app.host;

import java.util.Objects;

/** A branch and the commit it points at. */
public record BranchHead(String name, String sha) {
  public BranchHead {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha, "sha");
  }
}
