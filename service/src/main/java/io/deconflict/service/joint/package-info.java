/** Joint movements (D39): who takes part in a movement, and whether each party accepted. */
@NullMarked
package io.deconflict.service.joint;

import org.jspecify.annotations.NullMarked;
