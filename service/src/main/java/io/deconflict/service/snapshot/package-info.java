/**
 * Snapshots of the state machine: a deterministic, versioned binary form of {@link
 * io.deconflict.service.Deconfliction}'s state ({@link StateOut}, {@link StateIn}, {@link
 * StateFormat}), when to take one ({@link SnapshotPolicy}), and the audit that proves a stored
 * snapshot equals a replay of the journal ({@link SnapshotAudit}). The format is in {@code
 * docs/journal.md}; the choice of it in {@code docs/design-decisions.md} D25.
 */
@NullMarked
package io.deconflict.service.snapshot;

import org.jspecify.annotations.NullMarked;
