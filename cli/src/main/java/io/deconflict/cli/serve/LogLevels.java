package io.deconflict.cli.serve;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.deconflict.server.config.OperationsSettings;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Sets the log levels the configuration asks for ({@code logging.level} for deconflict's own
 * loggers, {@code DECONFLICT_LOG_LEVEL} over it, {@code logging.levels} by logger name) on Logback,
 * the logging the jar ships (JSON lines on standard error, {@code logback.xml} in the server
 * module). Does nothing if another SLF4J provider is in use. Stateless.
 */
final class LogLevels {

  private LogLevels() {}

  static void apply(OperationsSettings settings) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    set(context, "io.deconflict", settings.logLevel());
    for (Map.Entry<String, String> e : settings.logLevels().entrySet()) {
      set(context, e.getKey(), e.getValue());
    }
  }

  private static void set(LoggerContext context, String name, String level) {
    Logger logger = context.getLogger(name);
    logger.setLevel(Level.toLevel(level));
  }
}
