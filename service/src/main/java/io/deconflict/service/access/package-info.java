/**
 * Access control for every transport: signing in with a bearer token (expiry, revocation), the
 * refused sign-ins recorded within a bound, the connections open per token so that a revocation
 * ends them at once, and reloading the members' tokens from the configuration without a restart.
 */
@NullMarked
package io.deconflict.service.access;

import org.jspecify.annotations.NullMarked;
