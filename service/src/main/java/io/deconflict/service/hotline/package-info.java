/**
 * The hotline's coded messages: a shared vocabulary of brevity codes with typed parameters, each
 * rendered for every reader in their own language (English, Russian, Arabic, Turkish) so that a
 * coded message needs no translator.
 *
 * <p>{@code acknowledge} means "seen", never "approved". Free text is not part of this package.
 */
@NullMarked
package io.deconflict.service.hotline;

import org.jspecify.annotations.NullMarked;
