package io.deconflict.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A journaled fact as subscribers receive it.
 *
 * @param seq the journal sequence number, also the event-stream id
 * @param time when it was accepted
 * @param type the fact's type
 * @param by the member who issued it, or {@code system}
 * @param audience who is told
 * @param body its content
 */
public record Event(
    long seq, Instant time, String type, String by, Audience audience, ObjectNode body) {}
