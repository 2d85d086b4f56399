package io.deconflict.flink;

/**
 * An encounter event of the whole job, after the copies of neighbouring cells collapsed: written to
 * the encounters topic.
 *
 * @param identity the encounter's stable identity, {@code partyA/unitA|partyB/unitB|opened} with
 *     the instant it opened (ISO-8601)
 * @param event {@code open}, {@code level} or {@code close}
 * @param json the event as JSON (see {@link EncounterCodec})
 */
public record EncounterEvent(String identity, String event, String json) {}
