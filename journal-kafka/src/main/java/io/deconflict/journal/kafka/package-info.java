/**
 * The journal on Apache Kafka: {@link io.deconflict.journal.kafka.KafkaJournal} keeps the records
 * of a {@link io.deconflict.journal.Journal} in one single-partition topic, written in transactions
 * under one transactional id shared by every writer, so that several processes can append without
 * forking the hash chain. The format and the guarantees are in {@code docs/journal.md}; the choice
 * in {@code docs/design-decisions.md} D27.
 */
@NullMarked
package io.deconflict.journal.kafka;

import org.jspecify.annotations.NullMarked;
