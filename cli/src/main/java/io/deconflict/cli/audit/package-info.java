/**
 * The {@code deconflict audit} subcommands: checks of the journal, the tamper-evident record of
 * everything the service accepted and sent.
 */
@NullMarked
package io.deconflict.cli.audit;

import org.jspecify.annotations.NullMarked;
