/**
 * Who sees what: the one policy every read and every fact addressed to a party passes, mirroring
 * the table "Who sees what" of {@code docs/api.md}.
 */
@NullMarked
package io.deconflict.service.visibility;

import org.jspecify.annotations.NullMarked;
