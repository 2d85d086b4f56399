/** Incidents on the ground, recorded with every party's own account; nothing is overwritten. */
@NullMarked
package io.deconflict.service.incident;

import org.jspecify.annotations.NullMarked;
