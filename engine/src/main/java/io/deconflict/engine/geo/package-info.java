/**
 * WGS84 geodesy: geodetic and earth-centred coordinates, chord and arc lengths, geodesic
 * subdivision.
 */
@NullMarked
package io.deconflict.engine.geo;

import org.jspecify.annotations.NullMarked;
