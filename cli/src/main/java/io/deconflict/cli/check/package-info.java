/** The {@code deconflict check} subcommand: validate a GeoJSON file, detect, report. */
@NullMarked
package io.deconflict.cli.check;

import org.jspecify.annotations.NullMarked;
