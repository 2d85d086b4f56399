/** Notifications of movements, sites and zones: the notice they must give, and late notices. */
@NullMarked
package io.deconflict.service.notification;

import org.jspecify.annotations.NullMarked;
