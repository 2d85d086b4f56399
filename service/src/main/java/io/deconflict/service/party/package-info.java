/** Parties, their members and roles, and the bearer tokens members sign in with. */
@NullMarked
package io.deconflict.service.party;

import org.jspecify.annotations.NullMarked;
