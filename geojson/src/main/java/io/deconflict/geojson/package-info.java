/**
 * Reading the GeoJSON input contract of {@code docs/formats.md} into engine items, with errors that
 * name the feature and the field.
 */
@NullMarked
package io.deconflict.geojson;

import org.jspecify.annotations.NullMarked;
