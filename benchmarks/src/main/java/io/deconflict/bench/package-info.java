/**
 * Benchmarks of the detection engine: a seeded scenario generator, the {@code Bench} harness that
 * prints one table, and JMH benchmarks. Never run by {@code mvn test}; see {@code
 * docs/benchmarks.md}.
 */
@NullMarked
package io.deconflict.bench;

import org.jspecify.annotations.NullMarked;
