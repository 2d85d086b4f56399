/** One test per bug found, named after the bug. */
@NullMarked
package io.deconflict.engine.regressions;

import org.jspecify.annotations.NullMarked;
