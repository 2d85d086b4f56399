/**
 * Limits that protect the members from one another: a request rate and a number of open connections
 * per member, shared by every transport (HTTP, the event stream, TAK).
 */
@NullMarked
package io.deconflict.service.limit;

import org.jspecify.annotations.NullMarked;
