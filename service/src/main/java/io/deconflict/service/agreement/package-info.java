/**
 * Agreements between parties: separation, notice, acknowledgement deadlines, escalation, sharing.
 */
@NullMarked
package io.deconflict.service.agreement;

import org.jspecify.annotations.NullMarked;
