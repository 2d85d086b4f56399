package io.deconflict.service.command;

import io.deconflict.engine.geo.GeoPoint;
import java.time.Instant;

/**
 * What an officer read back when acknowledging an alert: the conflict's start, end and place as
 * understood. The alert book holds it to the alert within its tolerances.
 */
public record ReadBack(Instant start, Instant end, GeoPoint place) {}
