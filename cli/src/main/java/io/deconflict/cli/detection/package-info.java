/**
 * Detection on the Flink job (D32): the {@code detection} section of the configuration, the feed
 * that publishes the journal's notifications to the job's input topic, and the intake that turns
 * the job's conflicts into {@code conflict.found} commands. Loaded only when the configuration says
 * {@code detection.mode flink}.
 */
@NullMarked
package io.deconflict.cli.detection;

import org.jspecify.annotations.NullMarked;
