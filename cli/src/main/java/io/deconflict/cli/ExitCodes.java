package io.deconflict.cli;

/**
 * The exit statuses of every {@code deconflict} command, as documented in {@code docs/formats.md}.
 */
public final class ExitCodes {

  /** The command ran and found no conflict. */
  public static final int OK = 0;

  /** The command ran and found at least one conflict. */
  public static final int CONFLICTS = 1;

  /** The input or the command line was invalid, or the input could not be read. */
  public static final int INVALID_INPUT = 2;

  /** An internal failure: a bug, or the machine ran out of memory. */
  public static final int INTERNAL_ERROR = 3;

  private ExitCodes() {}
}
