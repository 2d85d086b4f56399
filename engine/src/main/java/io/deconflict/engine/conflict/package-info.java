/** Conflicts between items of different parties, and the detectors that find them. */
@NullMarked
package io.deconflict.engine.conflict;

import org.jspecify.annotations.NullMarked;
