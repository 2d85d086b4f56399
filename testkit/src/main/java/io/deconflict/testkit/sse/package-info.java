/** A client of a server-sent event stream ({@code text/event-stream}). */
@NullMarked
package io.deconflict.testkit.sse;

import org.jspecify.annotations.NullMarked;
