/**
 * The HTTP API under {@code /api/v1}: REST/JSON with RFC 9457 problem details, a server-sent event
 * stream per member, and the OpenAPI document. A thin transport over {@link
 * io.deconflict.service.Application}: no business rule lives here.
 */
@NullMarked
package io.deconflict.server;

import org.jspecify.annotations.NullMarked;
