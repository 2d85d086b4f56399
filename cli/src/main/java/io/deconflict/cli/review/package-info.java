/**
 * {@code deconflict review}: the weekly review of an agreement, read offline from the journal of
 * the configured service (D42).
 */
@NullMarked
package io.deconflict.cli.review;

import org.jspecify.annotations.NullMarked;
