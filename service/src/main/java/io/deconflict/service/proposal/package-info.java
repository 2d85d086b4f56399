/**
 * Resolution proposals in the service (D41): the engine's exact shifts shown with an alert as its
 * recipient may see them, checked when a party proposes or accepts one.
 */
@NullMarked
package io.deconflict.service.proposal;

import org.jspecify.annotations.NullMarked;
