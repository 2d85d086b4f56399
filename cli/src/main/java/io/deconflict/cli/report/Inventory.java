package io.deconflict.cli.report;

/**
 * How many items of each kind were checked.
 *
 * @param movements number of movements, &gt;= 0
 * @param sites number of sites, &gt;= 0
 * @param zones number of zones, &gt;= 0
 */
public record Inventory(long movements, long sites, long zones) {

  /** Checks the counts are not negative. */
  public Inventory {
    if (movements < 0 || sites < 0 || zones < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative, got " + movements + ", " + sites + ", " + zones);
    }
  }

  /** All items. */
  public long items() {
    return movements + sites + zones;
  }
}
