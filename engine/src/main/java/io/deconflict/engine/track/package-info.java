/** Compact earth-centred representation of a movement used by the detectors. */
@NullMarked
package io.deconflict.engine.track;

import org.jspecify.annotations.NullMarked;
