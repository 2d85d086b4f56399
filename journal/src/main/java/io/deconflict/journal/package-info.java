/**
 * The journal: the append-only, hash-chained record of every command the service accepted and every
 * fact it sent, made durable before a caller is told it succeeded.
 *
 * <p>{@link io.deconflict.journal.Journal} is the API; {@link io.deconflict.journal.SqliteJournal}
 * keeps it in an embedded SQLite file; {@link io.deconflict.journal.JournalVerifier} checks a
 * file's hash chain from end to end. The format is described in {@code docs/journal.md}.
 */
@NullMarked
package io.deconflict.journal;

import org.jspecify.annotations.NullMarked;
