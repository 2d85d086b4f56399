package io.deconflict.flink;

/**
 * A position report routed to one cell of the live partitioning.
 *
 * @param cell the cell's key (see {@link Cells})
 * @param report the report
 */
public record CellReport(long cell, UnitReport report) {}
