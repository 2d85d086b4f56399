/** The spatio-temporal grid index and the indexed detector. */
@NullMarked
package io.deconflict.engine.index;

import org.jspecify.annotations.NullMarked;
