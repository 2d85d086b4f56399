/**
 * Detection as an Apache Flink job: notifications in from a Kafka topic, the engine's detector run
 * per space cell, conflicts out to a Kafka topic with a stable identity (docs/scale-out.md, D30);
 * and, given a reports topic, position reports in event time, the engine's live tracker run per
 * cell with a halo, encounter events out with a stable identity (D38).
 */
@NullMarked
package io.deconflict.flink;

import org.jspecify.annotations.NullMarked;
