/**
 * The deconfliction engine: a pure, deterministic library that finds where and when items of
 * different parties come closer than agreed.
 *
 * <p>No clock reads, I/O, threads or randomness live here; time comes in with each item.
 */
@NullMarked
package io.deconflict.engine;

import org.jspecify.annotations.NullMarked;
