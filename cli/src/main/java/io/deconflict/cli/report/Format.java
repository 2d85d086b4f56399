package io.deconflict.cli.report;

/** How conflicts are written: {@code json} for machines, {@code text} for people. */
public enum Format {
  /** The JSON document of {@code docs/formats.md}, one conflict per line. */
  JSON,
  /** An aligned table and a summary line. */
  TEXT
}
