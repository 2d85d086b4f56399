/** The {@code deconflict token} subcommands: issue a member's bearer token. */
@NullMarked
package io.deconflict.cli.token;

import org.jspecify.annotations.NullMarked;
