/** Tests of the hotline's coded messages and their vocabulary. */
@NullMarked
package io.deconflict.service.hotline;

import org.jspecify.annotations.NullMarked;
