/** Base-map layers: public geography the web map draws under the parties' items. */
@NullMarked
package io.deconflict.server.map;

import org.jspecify.annotations.NullMarked;
