/**
 * The weekly review rendered for people: a PDF for the commanders' meeting with tables, charts and
 * a map image drawn offline from the web map's own borders and layers.
 */
@NullMarked
package io.deconflict.report;

import org.jspecify.annotations.NullMarked;
