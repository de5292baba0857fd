package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The logging set-up built in code (what logback.xml used to say): warnings and worse to stderr, an exception summed
 * up on its line, and {@code --verbose} still switching to DEBUG with full stack traces.
 */
class LoggingDefaultsTest {

  @Test
  @SuppressWarnings("unchecked") // the STDERR appender is a ConsoleAppender of logging events
  void a_warning_with_its_exception_is_one_line_on_stderr_and_info_is_not_logged() {
    LoggerContext lc = new LoggerContext();
    assertThat(new Logging.Defaults().configure(lc))
        .as("no other configurator runs after it")
        .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger log = lc.getLogger("dev.schemawarden.app.Example");
    var stderr =
        (ConsoleAppender<ILoggingEvent>)
            lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");

    String line =
        new String(
            stderr
                .getEncoder()
                .encode(
                    new LoggingEvent(
                        Logger.class.getName(),
                        log,
                        Level.WARN,
                        "publishing failed",
                        new IOException("Broken pipe", new IllegalStateException("closed")),
                        null)),
            StandardCharsets.UTF_8);

    assertThat(stderr.getTarget()).as("stdout carries the report").isEqualTo("System.err");
    assertThat(line)
        .as("one line, the exception and its cause on it")
        .hasLineCount(1)
        .contains("WARN ")
        .contains(
            "publishing failed: IOException: Broken pipe; caused by IllegalStateException: closed")
        .endsWith("(--verbose shows the stack trace)" + System.lineSeparator());
    assertThat(log.isInfoEnabled()).as("quiet by default").isFalse();
    assertThat(log.isWarnEnabled()).isTrue();
    assertThat(lc.getLogger("liquibase").getLevel())
        .as("third-party chatter stays at warnings")
        .isEqualTo(Level.WARN);
  }

  @Test
  void a_configuration_file_named_on_the_command_line_is_left_to_logback() {
    System.setProperty("logback.configurationFile", "elsewhere.xml");
    try {
      LoggerContext lc = new LoggerContext();
      assertThat(new Logging.Defaults().configure(lc))
          .as("logback's own configurator reads the named file")
          .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    } finally {
      System.clearProperty("logback.configurationFile");
    }
  }
}
