package dev.schemawarden.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "version",
    description = "Print the version of Schema Warden and of the Java runtime.")
public final class VersionCommand implements Callable<Integer> {

  @ParentCommand HasContext parent;

  @Override
  public Integer call() {
    for (String line : new Provider().getVersion()) {
      parent.context().out().println(line);
    }
    return 0;
  }

  /** The jar manifest's Implementation-Version ({@code dev} when run from classes). */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = VersionCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "warden " + (v == null ? "dev" : v),
        "java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
