/** Which journal the configuration chooses: the embedded SQLite file, or a Kafka topic. */
@NullMarked
package io.deconflict.cli.journal;

import org.jspecify.annotations.NullMarked;
