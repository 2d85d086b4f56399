/**
 * {@code deconflict demo}: the northeast Syria scenario on a live service with a simulated clock.
 */
@NullMarked
package io.deconflict.cli.demo;

import org.jspecify.annotations.NullMarked;
