package dev.schemawarden.app.cli;

import dev.schemawarden.app.mcp.ProposalApproval;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "proposal",
    description = {
      "Agents' proposals (propose_migration over MCP, docs/mcp.md): a human approves one here. The person the agent"
          + " acts for cannot approve it; the approval is bound to the proposal's SQL and audited."
    },
    subcommands = ProposalCommand.Approve.class)
public final class ProposalCommand implements Runnable {
  @ParentCommand HasContext parent;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "name a subcommand: approve");
  }

  @Command(name = "approve", description = "Approve an agent's proposal as LOGIN (a human).")
  static final class Approve implements Callable<Integer> {
    @ParentCommand ProposalCommand proposal;
    @Mixin StateStoreOption store;

    @Parameters(paramLabel = "ID", description = "The proposal id (prop-...).")
    String id;

    @Option(
        names = "--as",
        paramLabel = "LOGIN",
        required = true,
        description = "Who approves: a host login.")
    String login;

    @Override
    public Integer call() {
      String line = store.open(s -> ProposalApproval.approve(s, id, login));
      proposal.parent.context().out().println(line);
      return 0;
    }
  }
}
