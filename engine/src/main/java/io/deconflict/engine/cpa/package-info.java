/** Exact pair kernels: movement against movement, site and zone. */
@NullMarked
package io.deconflict.engine.cpa;

import org.jspecify.annotations.NullMarked;
