/** The detectors: brute force (every pair through the exact kernels) and the indexed one. */
@NullMarked
package io.deconflict.engine.detect;

import org.jspecify.annotations.NullMarked;
