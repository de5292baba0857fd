/** The {@code warden} command line: picocli commands over {@link dev.schemawarden.app.review.ReviewService}. */
package dev.schemawarden.app.cli;
