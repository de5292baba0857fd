package dev.schemawarden.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

/**
 * How much {@code warden} logs to stderr. Quiet by default: warnings only, and an exception a log line carries is
 * summed up on that same line ({@code : IOException: Broken pipe}); {@code --verbose} logs at DEBUG with full stack
 * traces. A person reading a CI log gets one line per problem; whoever debugs asks for the rest.
 */
public final class Logging {
  /** The pattern of logback.xml without the exception part, which {@link #configure} chooses. */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg";

  private Logging() {}

  /** Sets the root level and the exception rendering of the stderr appender for this run. */
  public static void configure(boolean verbose) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext lc)) {
      return; // another SLF4J binding (none ships with warden): leave it as it is configured
    }
    Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(verbose ? Level.DEBUG : Level.WARN);
    Appender<ILoggingEvent> appender = root.getAppender("STDERR");
    if (appender instanceof OutputStreamAppender<ILoggingEvent> stderr) {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(lc);
      // Logback appends %ex (the full trace) to a pattern without a throwable converter of its own.
      encoder.setPattern(verbose ? PATTERN + "%n" : PATTERN + "%oneLineEx%n");
      encoder.start();
      stderr.setEncoder(encoder);
    }
  }

  /** {@code %oneLineEx}: the exception and its causes as {@code ": Type: message; caused by Type: message"}. */
  public static final class OneLineThrowable extends ThrowableHandlingConverter {
    @Override
    public String convert(ILoggingEvent event) {
      IThrowableProxy t = event.getThrowableProxy();
      if (t == null) {
        return "";
      }
      StringBuilder b = new StringBuilder(": ");
      for (int depth = 0; t != null && depth < 5; t = t.getCause(), depth++) {
        if (depth > 0) {
          b.append("; caused by ");
        }
        String type = t.getClassName().substring(t.getClassName().lastIndexOf('.') + 1);
        b.append(type);
        if (t.getMessage() != null) {
          b.append(": ").append(t.getMessage().replaceAll("\\s*\\R\\s*", " "));
        }
      }
      return b.append(" (--verbose shows the stack trace)").toString();
    }
  }
}
