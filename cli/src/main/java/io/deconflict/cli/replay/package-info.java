/**
 * The {@code deconflict replay} subcommand: what one party had been told up to a moment, read from
 * the journal.
 */
@NullMarked
package io.deconflict.cli.replay;

import org.jspecify.annotations.NullMarked;
