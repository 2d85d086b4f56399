/**
 * Detection as an Apache Flink job: notifications in from a Kafka topic, the engine's detector run
 * per space cell, conflicts out to a Kafka topic with a stable identity (docs/scale-out.md, D30).
 */
@NullMarked
package io.deconflict.flink;

import org.jspecify.annotations.NullMarked;
