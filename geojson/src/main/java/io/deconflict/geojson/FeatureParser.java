package io.deconflict.geojson;

import static io.deconflict.geojson.Describe.plural;
import static io.deconflict.geojson.Describe.quote;
import static io.deconflict.geojson.Describe.value;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Geodesics;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.item.ZoneGeometry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Turns one GeoJSON Feature into an engine {@link Item}, or throws {@link InvalidInputException}
 * naming the feature and the first field that breaks the contract.
 *
 * <p>One instance per feature; not thread-safe.
 */
final class FeatureParser {

  /** x = longitude, y = latitude, double precision; SRID 4326 (WGS84). */
  private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  private static final String TIME_EXAMPLE = "2022-10-08T09:00:00Z";

  /** The latitude bound of movements and sites: the whole globe. */
  private static final double ANY_LATITUDE = 90;

  private final int index;
  private final double defaultSeparationMeters;
  private final double defaultVerticalSeparationMeters;
  private @Nullable String id;

  private FeatureParser(
      int index, double defaultSeparationMeters, double defaultVerticalSeparationMeters) {
    this.index = index;
    this.defaultSeparationMeters = defaultSeparationMeters;
    this.defaultVerticalSeparationMeters = defaultVerticalSeparationMeters;
  }

  /** The property saying when a site or zone was last confirmed (D36). */
  static final String CONFIRMED_AT = "confirmedAt";

  /**
   * When the site or zone at {@code index}, which {@link #parse} found valid, says it was last
   * confirmed ({@code properties.confirmedAt}), if it says.
   */
  static Optional<Instant> confirmedAt(JsonNode feature, int index) {
    return new FeatureParser(index, 1, Band.DEFAULT_VERTICAL_SEPARATION_METERS)
        .optionalInstant(feature.path("properties"), CONFIRMED_AT);
  }

  /** Parses the feature at {@code index} of the features array. */
  static Item parse(JsonNode feature, int index, double defaultSeparationMeters) {
    return parse(feature, index, defaultSeparationMeters, Band.DEFAULT_VERTICAL_SEPARATION_METERS);
  }

  /**
   * Parses the feature at {@code index}, with the vertical separation of a movement naming none.
   */
  static Item parse(
      JsonNode feature,
      int index,
      double defaultSeparationMeters,
      double defaultVerticalSeparationMeters) {
    return new FeatureParser(index, defaultSeparationMeters, defaultVerticalSeparationMeters)
        .parse(feature);
  }

  private Item parse(JsonNode feature) {
    if (!feature.isObject()) {
      throw fail("must be a GeoJSON Feature object, got " + value(feature));
    }
    String featureId = parseId(feature);
    id = featureId;
    JsonNode type = feature.path("type");
    if (!type.isTextual() || !type.textValue().equals("Feature")) {
      throw fail("type must be \"Feature\", got " + presentOrMissing(type));
    }
    JsonNode properties = feature.path("properties");
    if (isAbsent(properties)) {
      throw fail("properties is missing; it must hold at least kind and party");
    }
    if (!properties.isObject()) {
      throw fail("properties must be an object, got " + value(properties));
    }
    String kind = requireString(properties, "kind", "properties.kind");
    String party = requireString(properties, "party", "properties.party");
    if (kind.equals("movement") && !isAbsent(properties.path(CONFIRMED_AT))) {
      throw fail(
          "properties."
              + CONFIRMED_AT
              + " applies only to sites and zones (when they were last reconfirmed)");
    }
    optionalInstant(properties, CONFIRMED_AT); // checked here; read by confirmedAt()
    return switch (kind) {
      case "movement" -> movement(feature, properties, featureId, party);
      case "site" -> site(feature, properties, featureId, party);
      case "zone" -> zone(feature, properties, featureId, party);
      default ->
          throw fail(
              "properties.kind " + quote(kind) + " is not \"movement\", \"site\" or \"zone\"");
    };
  }

  private String parseId(JsonNode feature) {
    JsonNode node = feature.path("id");
    if (isAbsent(node)) {
      throw fail("id is missing; every feature needs a unique, non-empty string id");
    }
    if (!node.isTextual()) {
      throw fail("id must be a string, got " + value(node));
    }
    if (node.textValue().isBlank()) {
      throw fail("id must not be empty, got " + quote(node.textValue()));
    }
    return node.textValue();
  }

  // ---------------------------------------------------------------------------------------------
  // movement

  private Movement movement(JsonNode feature, JsonNode properties, String id, String party) {
    JsonNode coordinates = geometryCoordinates(feature, "LineString", "a movement");
    int n = coordinates.size();
    if (n < 2) {
      throw fail(
          "geometry.coordinates has " + plural(n, "position") + "; a movement needs at least 2");
    }
    if (n > Movement.MAX_WAYPOINTS) {
      throw fail(
          "geometry.coordinates has "
              + n
              + " positions, more than the limit of "
              + Movement.MAX_WAYPOINTS);
    }
    List<GeoPoint> points = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      points.add(position(coordinates.get(i), "geometry.coordinates[" + i + "]", ANY_LATITUDE));
    }
    JsonNode times = properties.path("times");
    if (isAbsent(times)) {
      throw fail("properties.times is missing; a movement needs one time per position");
    }
    if (!times.isArray()) {
      throw fail("properties.times must be an array of ISO-8601 UTC instants, got " + value(times));
    }
    if (times.size() != n) {
      throw fail(
          "properties.times has "
              + times.size()
              + (times.size() == 1 ? " entry" : " entries")
              + " but geometry.coordinates has "
              + plural(n, "position")
              + "; give one time per position");
    }
    List<Waypoint> waypoints = new ArrayList<>(n);
    Instant previous = Instant.MIN;
    for (int i = 0; i < n; i++) {
      String field = "properties.times[" + i + "]";
      Instant time = instant(times.get(i), field);
      if (i > 0) {
        String previousField = "properties.times[" + (i - 1) + "]";
        if (!time.isAfter(previous)) {
          throw fail(field + " " + time + " is not after " + previousField + " " + previous);
        }
        if (Duration.between(previous, time).compareTo(Duration.ofMillis(1)) < 0) {
          throw fail(
              field
                  + " "
                  + time
                  + " is less than 1 ms after "
                  + previousField
                  + " "
                  + previous
                  + "; times are resolved to the millisecond");
        }
      }
      waypoints.add(new Waypoint(points.get(i), time));
      previous = time;
    }
    Duration span = Duration.between(waypoints.get(0).time(), previous);
    if (span.compareTo(Movement.MAX_DURATION) > 0) {
      throw fail(
          "properties.times spans "
              + span
              + " from "
              + waypoints.get(0).time()
              + " to "
              + previous
              + ", longer than the limit of "
              + Movement.MAX_DURATION.toDays()
              + " days");
    }
    double separation = defaultSeparationMeters;
    JsonNode separationNode = properties.path("separationMeters");
    if (!isAbsent(separationNode)) {
      separation =
          positiveNumber(
              separationNode, "properties.separationMeters", Movement.MAX_SEPARATION_METERS);
    }
    double verticalSeparation = defaultVerticalSeparationMeters;
    JsonNode verticalNode = properties.path("verticalSeparationMeters");
    if (!isAbsent(verticalNode)) {
      verticalSeparation =
          positiveNumber(
              verticalNode,
              "properties.verticalSeparationMeters",
              Band.MAX_VERTICAL_SEPARATION_METERS);
    }
    List<Band> bands = legBands(properties.path("bands"), n - 1);
    if (!bands.isEmpty()) {
      requireAltitudesWithinBands(coordinates, bands);
    }
    List<Participant> participants = participants(properties.path("participants"), party, n);
    try {
      return new Movement(
          id, party, waypoints, separation, bands, verticalSeparation, participants);
    } catch (IllegalArgumentException e) {
      throw fail("invalid movement: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // site

  private Site site(JsonNode feature, JsonNode properties, String id, String party) {
    JsonNode coordinates = geometryCoordinates(feature, "Point", "a site");
    GeoPoint center = position(coordinates, "geometry.coordinates", ANY_LATITUDE);
    JsonNode radius = properties.path("radiusMeters");
    if (isAbsent(radius)) {
      throw fail("properties.radiusMeters is missing; a site needs a radius in metres");
    }
    double radiusMeters = positiveNumber(radius, "properties.radiusMeters", Site.MAX_RADIUS_METERS);
    Validity validity = validity(properties);
    Band band = optionalBand(properties.path("band"), "properties.band");
    try {
      return new Site(id, party, center, radiusMeters, validity, band);
    } catch (IllegalArgumentException e) {
      throw fail("invalid site: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // zone

  private Zone zone(JsonNode feature, JsonNode properties, String id, String party) {
    JsonNode type = feature.path("geometry").path("type");
    if (type.isTextual() && type.textValue().equals("LineString")) {
      return lineZone(feature, properties, id, party);
    }
    if (type.isTextual() && !type.textValue().equals("Polygon")) {
      throw fail(
          "geometry.type "
              + value(type)
              + " is not \"Polygon\" or \"LineString\", the geometries of a zone");
    }
    for (String lineOnly : List.of("side", "bufferMeters", "depthMeters")) {
      if (!isAbsent(properties.path(lineOnly))) {
        throw fail(
            "properties."
                + lineOnly
                + " applies only to a line zone (geometry LineString), not to a Polygon");
      }
    }
    JsonNode rings = geometryCoordinates(feature, "Polygon", "a zone");
    if (rings.isEmpty()) {
      throw fail("geometry.coordinates has no ring; a polygon needs at least its outer ring");
    }
    long vertices = 0;
    for (int r = 0; r < rings.size(); r++) {
      JsonNode ring = rings.get(r);
      if (!ring.isArray()) {
        throw fail(
            "geometry.coordinates["
                + r
                + "] must be a ring, an array of positions, got "
                + value(ring));
      }
      vertices += ring.size();
    }
    if (vertices > Zone.MAX_VERTICES) {
      throw fail(
          "geometry.coordinates has "
              + vertices
              + " positions, more than the limit of "
              + Zone.MAX_VERTICES);
    }
    LinearRing shell = ring(rings.get(0), "geometry.coordinates[0]");
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int r = 1; r < rings.size(); r++) {
      holes[r - 1] = ring(rings.get(r), "geometry.coordinates[" + r + "]");
    }
    Polygon polygon = GEOMETRY.createPolygon(shell, holes);
    TopologyValidationError error = new IsValidOp(polygon).getValidationError();
    if (error != null) {
      Coordinate at = error.getCoordinate();
      throw fail(
          "geometry is not a valid polygon: "
              + error.getMessage()
              + (at == null ? "" : " at [" + at.x + ", " + at.y + "]"));
    }
    Validity validity = validity(properties);
    Band band = optionalBand(properties.path("band"), "properties.band");
    try {
      return new Zone(id, party, new ZoneGeometry.Area(polygon), validity, band);
    } catch (IllegalArgumentException e) {
      throw fail("invalid zone: " + e.getMessage());
    }
  }

  /** A zone whose geometry is a LineString: a buffer around the line or one side of it (D34). */
  private Zone lineZone(JsonNode feature, JsonNode properties, String id, String party) {
    JsonNode coordinates = geometryCoordinates(feature, "LineString", "a line zone");
    int n = coordinates.size();
    if (n < 2) {
      throw fail(
          "geometry.coordinates has " + plural(n, "position") + "; a line zone needs at least 2");
    }
    if (n > ZoneGeometry.MAX_LINE_VERTICES) {
      throw fail(
          "geometry.coordinates has "
              + n
              + " positions, more than the limit of "
              + ZoneGeometry.MAX_LINE_VERTICES);
    }
    List<GeoPoint> line = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String field = "geometry.coordinates[" + i + "]";
      GeoPoint p = position(coordinates.get(i), field, Zone.MAX_ABS_LATITUDE);
      if (i > 0) {
        GeoPoint q = line.get(i - 1);
        if (Math.abs(p.lon() - q.lon()) > 180) {
          throw fail(
              field
                  + " crosses the antimeridian from geometry.coordinates["
                  + (i - 1)
                  + "]; a zone may not (split the line in two)");
        }
        double meters = Geodesics.distanceMeters(q, p);
        if (meters < ZoneGeometry.MIN_SEGMENT_METERS) {
          throw fail(
              field
                  + " is the same position as geometry.coordinates["
                  + (i - 1)
                  + "]; every segment of a line zone needs a length (the line is degenerate)");
        }
        if (meters > ZoneGeometry.MAX_SEGMENT_METERS) {
          throw fail(
              field
                  + " is "
                  + Math.round(meters)
                  + " m from geometry.coordinates["
                  + (i - 1)
                  + "], more than the limit of "
                  + (long) ZoneGeometry.MAX_SEGMENT_METERS
                  + "; add positions between them");
        }
      }
      line.add(p);
    }
    JsonNode side = properties.path("side");
    JsonNode buffer = properties.path("bufferMeters");
    JsonNode depth = properties.path("depthMeters");
    if (!isAbsent(side) && !isAbsent(buffer)) {
      throw fail(
          "properties.side and properties.bufferMeters are both given; a line zone has either a"
              + " side or a buffer");
    }
    ZoneGeometry geometry;
    if (!isAbsent(buffer)) {
      if (!isAbsent(depth)) {
        throw fail(
            "properties.depthMeters applies only to a side zone (properties.side), not to a"
                + " buffer");
      }
      geometry =
          new ZoneGeometry.Buffer(
              line,
              positiveNumber(buffer, "properties.bufferMeters", ZoneGeometry.MAX_REACH_METERS));
    } else if (!isAbsent(side)) {
      ZoneGeometry.Hand hand;
      if (side.isTextual() && side.textValue().equals("left")) {
        hand = ZoneGeometry.Hand.LEFT;
      } else if (side.isTextual() && side.textValue().equals("right")) {
        hand = ZoneGeometry.Hand.RIGHT;
      } else {
        throw fail("properties.side " + value(side) + " is not \"left\" or \"right\"");
      }
      double depthMeters =
          isAbsent(depth)
              ? ZoneGeometry.MAX_REACH_METERS
              : positiveNumber(depth, "properties.depthMeters", ZoneGeometry.MAX_REACH_METERS);
      geometry = new ZoneGeometry.Side(line, hand, depthMeters);
    } else {
      throw fail(
          "properties.side or properties.bufferMeters is missing; a line zone needs a side"
              + " (\"left\" or \"right\") or a buffer in metres");
    }
    Validity validity = validity(properties);
    Band band = optionalBand(properties.path("band"), "properties.band");
    try {
      return new Zone(id, party, geometry, validity, band);
    } catch (IllegalArgumentException e) {
      throw fail("invalid zone: " + e.getMessage());
    }
  }

  private LinearRing ring(JsonNode ring, String field) {
    int n = ring.size();
    if (n < 4) {
      throw fail(
          field
              + " has "
              + plural(n, "position")
              + "; a ring needs at least 4, the last equal to the first");
    }
    Coordinate[] coordinates = new Coordinate[n];
    for (int i = 0; i < n; i++) {
      GeoPoint p = position(ring.get(i), field + "[" + i + "]", Zone.MAX_ABS_LATITUDE);
      coordinates[i] = new Coordinate(p.lon(), p.lat());
    }
    if (!coordinates[0].equals2D(coordinates[n - 1])) {
      throw fail(
          field
              + " is not closed: its first position "
              + show(coordinates[0])
              + " differs from its last "
              + show(coordinates[n - 1]));
    }
    return GEOMETRY.createLinearRing(coordinates);
  }

  private static String show(Coordinate c) {
    return "[" + c.x + ", " + c.y + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // shared pieces

  /** The geometry's coordinates, after checking the geometry's type is {@code type}. */
  private JsonNode geometryCoordinates(JsonNode feature, String type, String what) {
    JsonNode geometry = feature.path("geometry");
    if (isAbsent(geometry)) {
      throw fail("geometry is missing; " + what + " needs a " + type);
    }
    if (!geometry.isObject()) {
      throw fail("geometry must be a GeoJSON geometry object, got " + value(geometry));
    }
    JsonNode actual = geometry.path("type");
    if (isAbsent(actual) || !actual.isTextual() || !actual.textValue().equals(type)) {
      throw fail(
          "geometry.type "
              + presentOrMissing(actual)
              + " is not \""
              + type
              + "\", the geometry of "
              + what);
    }
    JsonNode coordinates = geometry.path("coordinates");
    if (isAbsent(coordinates)) {
      throw fail("geometry.coordinates is missing");
    }
    if (!coordinates.isArray()) {
      throw fail("geometry.coordinates must be an array, got " + value(coordinates));
    }
    return coordinates;
  }

  /**
   * A position [lon, lat] or [lon, lat, altitude]; the altitude (metres above the ellipsoid) is
   * checked finite here, stays in the feature as sent, and counts for detection only through a
   * movement's bands, which must hold it (D37).
   */
  private GeoPoint position(JsonNode node, String field, double maxAbsLatitude) {
    if (!node.isArray() || node.size() < 2 || node.size() > 3) {
      throw fail(
          field + " must be a position [lon, lat] or [lon, lat, altitude], got " + value(node));
    }
    double[] values = new double[node.size()];
    for (int j = 0; j < node.size(); j++) {
      JsonNode c = node.get(j);
      if (!c.isNumber()) {
        throw fail(field + "[" + j + "] must be a number, got " + value(c));
      }
      values[j] = c.doubleValue();
      if (!Double.isFinite(values[j])) {
        throw fail(field + "[" + j + "] " + c.asText() + " is not a finite number");
      }
    }
    double lon = values[0];
    double lat = values[1];
    if (lon < -180 || lon > 180) {
      throw fail(field + "[0] longitude " + node.get(0).asText() + " is not in [-180, 180]");
    }
    if (lat < -90 || lat > 90) {
      throw fail(field + "[1] latitude " + node.get(1).asText() + " is not in [-90, 90]");
    }
    if (Math.abs(lat) > maxAbsLatitude) {
      throw fail(
          field
              + "[1] latitude "
              + node.get(1).asText()
              + " is beyond "
              + maxAbsLatitude
              + " degrees, the limit for zones");
    }
    return GeoPoint.of(lon, lat);
  }

  // ---------------------------------------------------------------------------------------------
  // vertical bands (D37)

  // ---------------------------------------------------------------------------------------------
  // joint movements (D39)

  /**
   * A movement's {@code properties.participants}: absent for a movement of one party, else the
   * parties that travel with the lead, each a party name (over the whole route) or an object {@code
   * {"party": ..., "joinAt": k, "leaveAt": m}} with the meeting and parting waypoints' indices
   * (default the first and the last).
   */
  private List<Participant> participants(JsonNode node, String lead, int waypoints) {
    if (isAbsent(node)) {
      return List.of();
    }
    if (!node.isArray()) {
      throw fail(
          "properties.participants must be an array of parties (names, or objects with party,"
              + " joinAt and leaveAt), got "
              + value(node));
    }
    List<Participant> out = new ArrayList<>(node.size());
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String where = "properties.participants[" + i + "]";
      JsonNode p = node.get(i);
      JsonNode partyNode = p.isObject() ? p.path("party") : p;
      if (!partyNode.isTextual() || partyNode.asText().isBlank()) {
        throw fail(
            where
                + (p.isObject() ? ".party" : "")
                + " must be a party's name, got "
                + value(partyNode));
      }
      String party = partyNode.asText();
      if (party.equals(lead)) {
        throw fail(where + " is the lead party " + quote(lead) + "; name the other parties only");
      }
      if (seen.contains(party)) {
        throw fail(where + " names " + quote(party) + " a second time");
      }
      seen.add(party);
      int last = waypoints - 1;
      int join = p.isObject() ? waypointIndex(p.path("joinAt"), where + ".joinAt", 0, last) : 0;
      int leave =
          p.isObject() ? waypointIndex(p.path("leaveAt"), where + ".leaveAt", last, last) : last;
      if (leave <= join) {
        throw fail(
            where
                + ".leaveAt "
                + leave
                + " must be after joinAt "
                + join
                + ": a participant leaves at a later waypoint than it joins");
      }
      out.add(new Participant(party, join, leave));
    }
    return out;
  }

  /** A waypoint's index in {@code [0, last]}, or {@code absent} if the node is absent. */
  private int waypointIndex(JsonNode node, String where, int absent, int last) {
    if (isAbsent(node)) {
      return absent;
    }
    if (!node.canConvertToInt()
        || !node.isIntegralNumber()
        || node.asInt() < 0
        || node.asInt() > last) {
      throw fail(
          where
              + " must be a waypoint's index from 0 to "
              + last
              + " (the movement has "
              + plural(last + 1, "waypoint")
              + "), got "
              + value(node));
    }
    return node.asInt();
  }

  /**
   * A movement's {@code properties.bands}: absent for the ground band on every leg, else one band
   * per leg.
   */
  private List<Band> legBands(JsonNode node, int legs) {
    if (isAbsent(node)) {
      return List.of();
    }
    if (!node.isArray()) {
      throw fail(
          "properties.bands must be an array of [floor, ceiling] bands in metres above the"
              + " WGS84 ellipsoid, one per leg, got "
              + value(node));
    }
    if (node.size() != legs) {
      throw fail(
          "properties.bands has "
              + plural(node.size(), "band")
              + " for "
              + plural(legs, "leg")
              + "; give one [floor, ceiling] per leg (between consecutive positions)");
    }
    List<Band> bands = new ArrayList<>(legs);
    for (int i = 0; i < legs; i++) {
      bands.add(band(node.get(i), "properties.bands[" + i + "]"));
    }
    return bands;
  }

  /**
   * A site's or zone's optional {@code properties.band}: the ground band (every height) if absent.
   */
  private Band optionalBand(JsonNode node, String field) {
    return isAbsent(node) ? Band.GROUND : band(node, field);
  }

  /** A band {@code [floor, ceiling]}, metres above the ellipsoid. */
  private Band band(JsonNode node, String field) {
    if (!node.isArray() || node.size() != 2) {
      throw fail(
          field
              + " must be a band [floor, ceiling] in metres above the WGS84 ellipsoid, got "
              + value(node));
    }
    double[] v = new double[2];
    String[] names = {"floor", "ceiling"};
    for (int j = 0; j < 2; j++) {
      JsonNode c = node.get(j);
      if (!c.isNumber() || !Double.isFinite(c.doubleValue())) {
        throw fail(field + "[" + j + "] " + names[j] + " must be a finite number, got " + value(c));
      }
      v[j] = c.doubleValue();
      if (v[j] < Band.MIN_METERS || v[j] > Band.MAX_METERS) {
        throw fail(
            field
                + "["
                + j
                + "] "
                + names[j]
                + " "
                + c.asText()
                + " m is not in ["
                + (long) Band.MIN_METERS
                + ", "
                + (long) Band.MAX_METERS
                + "]");
      }
    }
    if (v[0] > v[1]) {
      throw fail(
          field
              + " floor "
              + node.get(0).asText()
              + " m is above its ceiling "
              + node.get(1).asText()
              + " m");
    }
    return Band.of(v[0], v[1]);
  }

  /**
   * Each position's altitude, where given, lies within the band of a leg it joins (the leg it
   * starts or the one it ends: at a waypoint where the band steps, either).
   */
  private void requireAltitudesWithinBands(JsonNode coordinates, List<Band> bands) {
    for (int i = 0; i < coordinates.size(); i++) {
      JsonNode position = coordinates.get(i);
      if (position.size() < 3) {
        continue;
      }
      double altitude = position.get(2).doubleValue();
      boolean within = false;
      for (int leg = Math.max(0, i - 1); leg <= Math.min(bands.size() - 1, i); leg++) {
        Band b = bands.get(leg);
        within |= altitude >= b.floorMeters() && altitude <= b.ceilingMeters();
      }
      if (!within) {
        int leg = Math.min(i, bands.size() - 1);
        Band b = bands.get(leg);
        throw fail(
            "geometry.coordinates["
                + i
                + "][2] altitude "
                + position.get(2).asText()
                + " m is outside properties.bands["
                + leg
                + "] ["
                + metres(b.floorMeters())
                + ", "
                + metres(b.ceilingMeters())
                + "]"
                + (i > 0 && i < bands.size() ? " and properties.bands[" + (i - 1) + "]" : ""));
      }
    }
  }

  private static String metres(double meters) {
    return meters == Math.rint(meters) ? String.valueOf((long) meters) : String.valueOf(meters);
  }

  /** A number in (0, max]. */
  private double positiveNumber(JsonNode node, String field, double max) {
    if (!node.isNumber()) {
      throw fail(field + " must be a number of metres, got " + value(node));
    }
    double v = node.doubleValue();
    if (!(v > 0) || Double.isInfinite(v)) {
      throw fail(field + " must be > 0, got " + node.asText());
    }
    if (v > max) {
      throw fail(field + " " + node.asText() + " is more than the limit of " + (long) max);
    }
    return v;
  }

  /** The optional validFrom and validUntil; absent sides are open. */
  private Validity validity(JsonNode properties) {
    Optional<Instant> from = optionalInstant(properties, "validFrom");
    Optional<Instant> until = optionalInstant(properties, "validUntil");
    if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
      throw fail(
          "properties.validUntil "
              + until.get()
              + " is not after properties.validFrom "
              + from.get());
    }
    return new Validity(from.orElse(Instant.MIN), until.orElse(Instant.MAX));
  }

  private Optional<Instant> optionalInstant(JsonNode properties, String name) {
    JsonNode node = properties.path(name);
    if (isAbsent(node)) {
      return Optional.empty();
    }
    return Optional.of(instant(node, "properties." + name));
  }

  /** An ISO-8601 instant with the offset Z or +00:00. */
  private Instant instant(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw fail(
          field
              + " must be an ISO-8601 UTC instant such as "
              + TIME_EXAMPLE
              + ", got "
              + value(node));
    }
    String text = node.textValue();
    try {
      return UtcInstants.parse(text);
    } catch (UtcInstants.UnparseableException e) {
      throw switch (e.problem()) {
        case NO_OFFSET ->
            fail(
                field + " " + quote(text) + " has no UTC offset; write it as " + quote(text + "Z"));
        case NOT_UTC ->
            fail(field + " " + quote(text) + " is not in UTC; use the offset Z or +00:00");
        case NOT_ISO ->
            fail(field + " " + quote(text) + " is not an ISO-8601 instant such as " + TIME_EXAMPLE);
      };
    }
  }

  /** A required, non-empty string property. */
  private String requireString(JsonNode properties, String name, String field) {
    JsonNode node = properties.path(name);
    if (isAbsent(node)) {
      throw fail(field + " is missing");
    }
    if (!node.isTextual()) {
      throw fail(field + " must be a string, got " + value(node));
    }
    if (node.textValue().isBlank()) {
      throw fail(field + " must not be empty, got " + quote(node.textValue()));
    }
    return node.textValue();
  }

  /** Whether a member is absent or JSON null (as GIS tools write empty attributes). */
  private static boolean isAbsent(JsonNode node) {
    return node.isNull() || node.isMissingNode();
  }

  private static String presentOrMissing(JsonNode node) {
    return isAbsent(node) ? "missing" : value(node);
  }

  private InvalidInputException fail(String detail) {
    String known = id;
    if (index == GeoJsonFeatures.SINGLE) {
      return InvalidInputException.single(detail);
    }
    return known == null
        ? InvalidInputException.feature(index, detail)
        : InvalidInputException.feature(index, known, detail);
  }
}
