/**
 * The deconfliction application: commands in, journaled facts out. {@link
 * io.deconflict.service.Deconfliction} is the deterministic state machine; {@link
 * io.deconflict.service.Application} runs it behind one writer, journals every fact durably before
 * answering and pushes facts to subscribers. Knows no HTTP.
 */
@NullMarked
package io.deconflict.service;

import org.jspecify.annotations.NullMarked;
