package io.deconflict.bench;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Waypoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The peer a user would pick instead of the engine for "every conflicting pair": PostGIS, driven
 * through {@code benchmarks/postgis/peer.sh} (a throwaway cluster on a Unix socket).
 *
 * <p>The movements go to PostGIS as {@code LINESTRING M} trajectories (M = seconds since the epoch)
 * projected to a local Lambert azimuthal equal-area plane; the query is {@code ST_CPAWithin} at the
 * larger of the two separations over a GiST n-D index. PostGIS interpolates linearly in that plane,
 * the engine along the WGS84 geodesic, so pairs whose closest approach lies within a fraction of a
 * percent of the separation may differ: {@link #compare} lists them with the engine's distance.
 */
final class PostgisPeer {

  /** What one run of the peer measured. */
  record Result(
      double loadSeconds,
      double indexSeconds,
      double querySeconds,
      Set<String> pairs,
      String version,
      String plan) {}

  private final Path script;

  PostgisPeer(Path script) {
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("no PostGIS peer script at " + script);
    }
    this.script = script;
  }

  /** Runs the peer on {@code movements}; progress and the script's errors go to {@code log}. */
  Result run(List<Movement> movements, Path work) {
    try {
      Files.createDirectories(work);
      Path csv = work.resolve("movements.csv");
      writeCsv(movements, csv);
      Path out = work.resolve("peer");
      Process process =
          new ProcessBuilder("bash", script.toString(), csv.toString(), out.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(6, TimeUnit.HOURS) || process.exitValue() != 0) {
        throw new IllegalStateException("PostGIS peer failed:\n" + stdout);
      }
      Map<String, String> values = new HashMap<>();
      for (String line : stdout.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      Set<String> pairs = new TreeSet<>();
      for (String line : Files.readAllLines(out.resolve("pairs.csv"), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          pairs.add(line.strip());
        }
      }
      return new Result(
          millis(values, "load_ms"),
          millis(values, "index_ms"),
          millis(values, "query_ms"),
          pairs,
          values.getOrDefault("postgis", "?"),
          values.getOrDefault("plan", "?"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double millis(Map<String, String> values, String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("PostGIS peer did not report " + key);
    }
    return Double.parseDouble(v) / 1000;
  }

  /** One line per movement: id, party, separation, trajectory as WKT. */
  static void writeCsv(List<Movement> movements, Path csv) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(1024);
      for (Movement m : movements) {
        line.setLength(0);
        line.append(m.id()).append(',').append(m.party()).append(',');
        line.append(m.separationMeters()).append(",\"LINESTRING M (");
        List<Waypoint> ws = m.waypoints();
        for (int i = 0; i < ws.size(); i++) {
          Waypoint wp = ws.get(i);
          if (i > 0) {
            line.append(", ");
          }
          line.append(wp.point().lon()).append(' ').append(wp.point().lat()).append(' ');
          line.append(wp.time().toEpochMilli() / 1000.0);
        }
        line.append(")\"\n");
        w.append(line);
      }
    }
  }

  /** The distinct movement pairs {@code "a,b"} (a &lt; b) of the engine's conflicts. */
  static Set<String> enginePairs(List<Conflict> conflicts) {
    Set<String> pairs = new TreeSet<>();
    for (Conflict c : conflicts) {
      if (c.kind() == ConflictKind.MOVEMENT_MOVEMENT) {
        pairs.add(c.a() + "," + c.b());
      }
    }
    return pairs;
  }

  /**
   * Compares the pair sets; for each pair found by one side only, the engine's closest approach as
   * a fraction of the pair's separation (below 1: the engine sees a loss of separation).
   */
  static List<String> compare(
      Set<String> engine, Set<String> peer, Map<String, Movement> byId, int most) {
    List<String> lines = new ArrayList<>();
    int onlyEngine = 0;
    int onlyPeer = 0;
    for (String p : engine) {
      if (!peer.contains(p)) {
        onlyEngine++;
        if (lines.size() < most) {
          lines.add("engine only: " + p + " " + closest(p, byId));
        }
      }
    }
    for (String p : peer) {
      if (!engine.contains(p)) {
        onlyPeer++;
        if (lines.size() < most) {
          lines.add("PostGIS only: " + p + " " + closest(p, byId));
        }
      }
    }
    lines.add(
        0,
        String.format(
            Locale.ROOT,
            "%,d pairs in both, %,d engine only, %,d PostGIS only",
            engine.size() - onlyEngine,
            onlyEngine,
            onlyPeer));
    return lines;
  }

  /** The engine's closest approach of a pair relative to its separation, e.g. "0.9987 × 1500 m". */
  private static String closest(String pair, Map<String, Movement> byId) {
    String[] ids = pair.split(",");
    Movement a = byId.get(ids[0]);
    Movement b = byId.get(ids[1]);
    if (a == null || b == null) {
      return "(unknown ids)";
    }
    double separation = Math.max(a.separationMeters(), b.separationMeters());
    var d = Detectors.bruteForce();
    d.putAll(
        List.of(
            new Movement(a.id(), a.party(), a.waypoints(), separation * 1.1),
            new Movement(b.id(), b.party(), b.waypoints(), separation * 1.1)));
    double best = Double.POSITIVE_INFINITY;
    for (Conflict c : d.conflicts()) {
      if (c.closest().isPresent()) {
        best = Math.min(best, c.closest().get().distanceMeters());
      }
    }
    return Double.isInfinite(best)
        ? String.format(Locale.ROOT, "(engine: farther than 1.1 × %.0f m)", separation)
        : String.format(Locale.ROOT, "(engine: %.4f × %.0f m)", best / separation, separation);
  }
}
