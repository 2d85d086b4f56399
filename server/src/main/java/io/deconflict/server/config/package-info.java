/** The service's configuration file and its environment overrides. */
@NullMarked
package io.deconflict.server.config;

import org.jspecify.annotations.NullMarked;
