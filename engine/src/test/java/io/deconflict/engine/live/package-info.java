/** Tests of live tracking. */
@NullMarked
package io.deconflict.engine.live;

import org.jspecify.annotations.NullMarked;
