package dev.schemawarden.app.cli;

import dev.schemawarden.app.state.StateStore;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The {@code --state-url} option of the commands that read the bot's state store, and the one way they open it. */
class StateStoreOption {
  @Option(
      names = "--state-url",
      paramLabel = "URL",
      description = "The state store (default: $WARDEN_STATE_URL, else the embedded store).")
  String url;

  /** Opens the store, runs {@code work} on it and closes it. */
  final <T> T open(Function<StateStore, T> work) {
    try (StateStore s = StateStore.open(Optional.ofNullable(url), System.getenv())) {
      return work.apply(s);
    }
  }
}
