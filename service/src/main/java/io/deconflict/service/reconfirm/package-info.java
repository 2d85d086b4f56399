/**
 * Reconfirmation of sites and zones (D36): when each was last confirmed, and the warnings, lapses
 * and restorations the agreements' periods give in the service's event time.
 */
@NullMarked
package io.deconflict.service.reconfirm;

import org.jspecify.annotations.NullMarked;
