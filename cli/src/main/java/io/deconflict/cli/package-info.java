/**
 * The {@code deconflict} command line: the top command, its subcommands and their exit codes.
 *
 * <p>Each subcommand lives in a package named after what it does ({@code check}); parsing and
 * reporting live in {@code geojson} and {@code report}.
 */
@NullMarked
package io.deconflict.cli;

import org.jspecify.annotations.NullMarked;
