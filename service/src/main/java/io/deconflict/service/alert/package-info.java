/** Alerts: a conflict as one party is told of it, its acknowledgement and escalation. */
@NullMarked
package io.deconflict.service.alert;

import org.jspecify.annotations.NullMarked;
