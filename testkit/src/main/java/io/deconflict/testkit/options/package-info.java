/** The command-line options of the benchmark commands, on picocli. */
@NullMarked
package io.deconflict.testkit.options;

import org.jspecify.annotations.NullMarked;
