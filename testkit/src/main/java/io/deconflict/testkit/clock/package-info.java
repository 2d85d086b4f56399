/** A clock a test or a benchmark moves by hand. */
@NullMarked
package io.deconflict.testkit.clock;

import org.jspecify.annotations.NullMarked;
