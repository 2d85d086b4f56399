/**
 * The commands the service accepts, as sealed records validated in their constructors, and the
 * codec that reads and writes them as the journal's bodies ({@link CommandCodec}). A transport
 * builds a {@link Command} (or decodes one from JSON with the codec) and hands it to {@code
 * Application.submit}; only the dispatch ({@code Deconfliction}) runs it.
 */
@NullMarked
package io.deconflict.service.command;

import org.jspecify.annotations.NullMarked;
