/** The {@code deconflict serve} subcommand: run the service until the process is told to stop. */
@NullMarked
package io.deconflict.cli.serve;

import org.jspecify.annotations.NullMarked;
