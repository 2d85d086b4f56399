/**
 * A local cluster on one machine (D32, issue 11 part 5): a KRaft broker and a Flink MiniCluster
 * running the detection job, each in a process of its own, and service nodes in flink mode on one
 * Kafka journal, loaded with the northeast Syria demo. A development tool for newcomers and tests;
 * production runs on the operators' own Kafka and Flink (docs/scale-out.md).
 */
@NullMarked
package io.deconflict.cluster;

import org.jspecify.annotations.NullMarked;
