package io.deconflict.flink;

/**
 * A conflict that appeared or vanished, in one cell or (after deduplication) in the whole job.
 *
 * @param identity the conflict's stable identity (see {@link ConflictCodec#identity})
 * @param appeared true if it appeared, false if it vanished
 * @param conflict the conflict as JSON (see {@link ConflictCodec})
 */
public record ConflictChange(String identity, boolean appeared, String conflict) {}
