package io.deconflict.flink;

/**
 * What one cell's tracker told about a pair of units: an encounter opened or changed level, or it
 * ended. Only the cell that owns the pair at that moment tells it (see {@link CellTracker}).
 *
 * @param pair the pair's identity, {@code partyA/unitA|partyB/unitB} (unit A sorts first)
 * @param ended true if the encounter ended, false if it opened or changed level
 * @param timeMillis when, in event time
 * @param level the level ({@code ADVISORY}, {@code CAUTION}, {@code WARNING}), or {@code NONE} when
 *     it ended
 * @param json the event's fields as JSON (see {@link EncounterCodec})
 * @param stepEndMillis the end of the cell's step that told it: the watermark passed it, and every
 *     later step's events are later in event time
 */
public record CellEncounter(
    String pair, boolean ended, long timeMillis, String level, String json, long stepEndMillis) {}
