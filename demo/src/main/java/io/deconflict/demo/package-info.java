/**
 * The northeast Syria scenario as data ({@link io.deconflict.demo.NeSyria}), the generator that
 * writes its movements, seeded track reports, and the demo runner: a real server on a simulated
 * clock, loaded over HTTP, with scripted actors for the parties nobody plays.
 */
@NullMarked
package io.deconflict.demo;

import org.jspecify.annotations.NullMarked;
