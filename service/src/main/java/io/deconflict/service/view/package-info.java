/**
 * The JSON views of the state: alerts, items and agreements as members see them, shaped by the
 * visibility policy. Stateless.
 */
@NullMarked
package io.deconflict.service.view;

import org.jspecify.annotations.NullMarked;
