/**
 * Resolution proposals: the smallest delay or advance of a movement's start that leaves it in
 * conflict with nothing stored, found exactly as the complement of a union of shift intervals
 * (D41).
 */
@NullMarked
package io.deconflict.engine.resolve;

import org.jspecify.annotations.NullMarked;
