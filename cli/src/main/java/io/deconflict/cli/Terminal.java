package io.deconflict.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.function.LongSupplier;

/**
 * What a command needs from its surroundings besides picocli's output writers: standard input,
 * whether a person watches standard error, and a monotonic clock for progress reports.
 *
 * @param stdin standard input, read by commands given the file name {@code -}
 * @param interactive whether standard error is a terminal; progress bars are drawn only then
 * @param nanoTime a monotonic clock in nanoseconds, like {@link System#nanoTime()}
 */
public record Terminal(InputStream stdin, boolean interactive, LongSupplier nanoTime) {

  /** The process's own standard input, console and clock. */
  public static Terminal system() {
    return new Terminal(System.in, hasConsole(), System::nanoTime);
  }

  /**
   * Whether the process talks to a person: it has a console, and (on JDK 22 and later, where {@code
   * System.console()} is never null) that console is a terminal.
   */
  private static boolean hasConsole() {
    @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true; // JDK 17 to 21: a console exists only for a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
