package dev.schemawarden.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * How much {@code warden} logs to stderr. Quiet by default: warnings only, and an exception a log line carries is
 * summed up on that same line ({@code : IOException: Broken pipe}); {@code --verbose} logs at DEBUG with full stack
 * traces. A person reading a CI log gets one line per problem; whoever debugs asks for the rest.
 */
public final class Logging {
  /** The log line without the exception part, which {@link #configure} chooses. */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg";

  private Logging() {}

  /** Sets the root level and the exception rendering of the stderr appender for this run. */
  public static void configure(boolean verbose) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext lc)) {
      return; // another SLF4J binding (none ships with warden): leave it as it is configured
    }
    Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(verbose ? Level.DEBUG : Level.WARN);
    // The MariaDB driver logs every server error at WARN; the online DDL trace expects refusals
    // (its cheaper tries).
    lc.getLogger("org.mariadb.jdbc").setLevel(verbose ? Level.DEBUG : Level.ERROR);
    Appender<ILoggingEvent> appender = root.getAppender("STDERR");
    if (appender instanceof OutputStreamAppender<ILoggingEvent> stderr) {
      // Logback appends %ex (the full trace) to a pattern without a throwable converter of its own.
      stderr.setEncoder(new LazyEncoder(lc, verbose ? PATTERN + "%n" : PATTERN + "%oneLineEx%n"));
    }
  }

  /**
   * The default set-up, what logback.xml used to say: a {@code STDERR} console appender on the root logger at WARN
   * (Liquibase and Flyway too), with {@code %oneLineEx}. Built in code because logback's XML configuration loads an
   * XML parser and some 300 classes, a tenth of a short {@code warden lint}. Found through
   * {@code META-INF/services}; with {@code -Dlogback.configurationFile=...} logback reads that file instead.
   */
  public static final class Defaults extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext lc) {
      if (System.getProperty("logback.configurationFile") != null) {
        return ExecutionStatus.INVOKE_NEXT_IF_ANY;
      }
      // Logback's own status messages would go to stdout, which carries the report.
      lc.getStatusManager().add(new NopStatusListener());
      Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
      rules.put("oneLineEx", OneLineThrowable::new);
      lc.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
      ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
      stderr.setContext(lc);
      stderr.setName("STDERR");
      stderr.setTarget("System.err");
      stderr.setEncoder(new LazyEncoder(lc, PATTERN + "%oneLineEx%n"));
      stderr.start();
      Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.setLevel(Level.WARN);
      root.addAppender(stderr);
      lc.getLogger("liquibase").setLevel(Level.WARN);
      lc.getLogger("org.flywaydb").setLevel(Level.WARN);
      lc.getLogger("org.mariadb.jdbc").setLevel(Level.ERROR);
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
  }

  /**
   * A pattern encoder built on the first event: most runs log nothing, and building the layout (logback's converter
   * table and pattern parser) was a tenth of the CPU of a short {@code warden lint} (docs/benchmarks.md).
   */
  static final class LazyEncoder extends EncoderBase<ILoggingEvent> {
    private final String pattern;
    private PatternLayoutEncoder delegate;

    LazyEncoder(Context context, String pattern) {
      setContext(context);
      this.pattern = pattern;
      start();
    }

    private synchronized PatternLayoutEncoder delegate() {
      if (delegate == null) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(getContext());
        encoder.setPattern(pattern);
        encoder.start();
        delegate = encoder;
      }
      return delegate;
    }

    @Override
    public byte[] headerBytes() {
      return null; // the pattern has no file header, and the console none to write
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
      return delegate().encode(event);
    }

    @Override
    public byte[] footerBytes() {
      return null;
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
