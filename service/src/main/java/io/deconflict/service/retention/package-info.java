/**
 * Retention: what leaves memory after a while in event time (conflicts whose alerts are all
 * resolved, units gone silent), and the archive in the journal where it is read from afterwards.
 */
@NullMarked
package io.deconflict.service.retention;

import org.jspecify.annotations.NullMarked;
