/** What parties notify: movements, sites and zones, with their validating constructors. */
@NullMarked
package io.deconflict.engine.item;

import org.jspecify.annotations.NullMarked;
