package dev.schemawarden.app.mcp;

import dev.schemawarden.app.host.CodeHost;
import dev.schemawarden.app.host.RepositoryRef;
import java.util.Objects;

/**
 * Where {@code propose_migration} opens its pull requests ({@code warden mcp --host github --repository OWNER/NAME}):
 * the code host, with the operator's credentials, and the repository on it. The agent names neither.
 */
public record ProposalHost(CodeHost host, RepositoryRef repository) {
  public ProposalHost {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(repository, "repository");
  }
}
