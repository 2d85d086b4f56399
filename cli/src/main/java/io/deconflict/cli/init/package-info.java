/**
 * The {@code deconflict init} subcommand, which writes a starter configuration file and shows its
 * members' tokens once, and {@link io.deconflict.cli.init.ConfigFile}, where every command finds
 * and writes that file.
 */
@NullMarked
package io.deconflict.cli.init;

import org.jspecify.annotations.NullMarked;
