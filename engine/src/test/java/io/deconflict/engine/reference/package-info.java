/**
 * Test support: the exact, slow geodesic reference for conflicts, the judge that compares a
 * detector's answers with it under the contract's tolerances, and seeded scenario generators.
 */
@NullMarked
package io.deconflict.engine.reference;

import org.jspecify.annotations.NullMarked;
