package io.deconflict.testkit.options;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a benchmark command's options into an object whose fields carry picocli's {@code @Option}
 * (the field's initial value is the default), with the conventions every benchmark shares: {@code
 * --name value} or {@code --name=value}, {@code -h}/{@code --help}, enum values in any case, and
 * numbers that may use {@code _} as a thousands separator ({@code 100_000}).
 *
 * <p>The converters below say what a value must be in the words the benchmarks' messages always
 * used ("--units must be a positive integer, got 0"). Stateless and thread-safe; the options object
 * it fills is not.
 */
public final class BenchOptions {

  private BenchOptions() {}

  /**
   * Options that check themselves once every option is read (one option's default depends on
   * another, or a limit involves two).
   */
  public interface Checked {
    /**
     * Checks and completes the options.
     *
     * @throws IllegalArgumentException naming the option and the bad value
     */
    void check();
  }

  /**
   * Fills {@code options} from {@code args}.
   *
   * @return {@code options}
   * @throws IllegalArgumentException if an option is unknown, lacks its value or has a bad one
   */
  public static <T> T parse(T options, String... args) {
    try {
      commandLine(options).parseArgs(args);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (options instanceof Checked checked) {
      checked.check();
    }
    return options;
  }

  /**
   * What a {@code main} does with its arguments: fills {@code options}; prints the usage to
   * standard output and returns empty if {@code --help} was given; prints {@code "<program>: <what
   * is wrong>"} and the usage to standard error and exits with status 2 if an option is bad.
   */
  public static <T> Optional<T> parseOrExit(String program, T options, String... args) {
    boolean help;
    try {
      help = commandLine(options).parseArgs(args).isUsageHelpRequested();
      if (!help && options instanceof Checked checked) {
        checked.check();
      }
    } catch (ParameterException | IllegalArgumentException e) {
      System.err.println(program + ": " + e.getMessage());
      System.err.print(usage(options));
      System.exit(2);
      return Optional.empty();
    }
    if (help) {
      new PrintStream(System.out, true, StandardCharsets.UTF_8).print(usage(options));
      return Optional.empty();
    }
    return Optional.of(options);
  }

  /** The usage text of the options' command, from its {@code @Command} and {@code @Option}s. */
  public static String usage(Object options) {
    return commandLine(options).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static CommandLine commandLine(Object options) {
    return new CommandLine(options)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpWidth(100)
        .setUsageHelpAutoWidth(false);
  }

  /** A whole number, with {@code _} allowed as a thousands separator. */
  public static long number(String value) {
    try {
      return Long.parseLong(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("takes a number, got '" + value + "'");
    }
  }

  /** A whole number from 1 to {@link Integer#MAX_VALUE}. */
  public static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long v = number(value);
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw new TypeConversionException("must be a positive integer, got " + value);
      }
      return (int) v;
    }
  }

  /** A whole number from 0 to {@link Integer#MAX_VALUE}. */
  public static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long v = number(value);
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new TypeConversionException("out of range: " + value);
      }
      return (int) v;
    }
  }

  /** Any whole number that fits a {@code long}. */
  public static final class WholeNumber implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return number(value);
    }
  }

  /** A positive, finite decimal number. */
  public static final class PositiveDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double v;
      try {
        v = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("takes a number, got '" + value + "'");
      }
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new TypeConversionException("must be positive, got " + value);
      }
      return v;
    }
  }

  /** A positive whole number of days, or {@code scale} (read as 0: the caller scales). */
  public static final class DaysOrScale implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return value.trim().toLowerCase(Locale.ROOT).equals("scale")
          ? 0
          : new PositiveInt().convert(value);
    }
  }
}
