package dev.schemawarden.app.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** Captures every log event of ours at DEBUG (and everything else at INFO) while open, as text lines. */
public final class LogCapture implements AutoCloseable {
  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
          lines.add(
              e.getLevel()
                  + " "
                  + e.getLoggerName()
                  + " "
                  + e.getFormattedMessage()
                  + (e.getThrowableProxy() == null
                      ? ""
                      : " " + e.getThrowableProxy().getMessage()));
        }
      };
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger ours = (Logger) LoggerFactory.getLogger("dev.schemawarden");
  private final Level before = root.getLevel();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.INFO);
    ours.setLevel(Level.DEBUG);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(before);
    ours.setLevel(null);
  }
}
