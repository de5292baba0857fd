package dev.schemawarden.app.host;

/** Where a pull (merge) request the bot opened stands on the host now. */
public enum ProposalStatus {
  OPEN,
  /** Closed without merging: by a person, unless the bot closed it itself. */
  CLOSED,
  MERGED
}
