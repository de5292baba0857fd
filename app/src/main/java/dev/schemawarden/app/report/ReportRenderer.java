package dev.schemawarden.app.report;

/**
 * Turns one {@link ReviewReport} into one output format. Implementations are pure: the same report gives the same
 * text, byte for byte, so outputs can be snapshot-tested and diffed between pushes.
 */
@FunctionalInterface
public interface ReportRenderer {
  String render(ReviewReport report);
}
