package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.live.Geo.Mover;
import io.deconflict.engine.live.LiveEvent.EncounterChanged;
import io.deconflict.engine.live.LiveEvent.EncounterEnded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The indexed tracker must return exactly the brute-force tracker's events (equal records, call by
 * call) on a seeded scenario: about 2,000 units of three parties on a few shared roads, five rounds
 * of reports (some with course and speed, some bare, some missing so tracks go stale), shuffled and
 * cut into batches, with ticks, plans of several separations (replaced mid-way), separations agreed
 * between parties (one taking effect mid-way), a zone and a site, a third of the units with heights
 * (D37); with dead reckoning on and off.
 */
class BruteForceVersusIndexedLiveTest {

  private static final String[] PARTIES = {"US", "RU", "TR"};

  @ParameterizedTest(name = "seed {0}, dead reckoning {1}")
  @CsvSource({"301, true", "301, false"})
  void identicalEventsOnSharedRoads(long seed, boolean reckoning) {
    Random rnd = new Random(seed);
    LiveSettings settings =
        new LiveSettings(
            Duration.ofMinutes(15),
            Duration.ofSeconds(45),
            Duration.ofMinutes(15),
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            0.25,
            1000,
            1000,
            Duration.ofMinutes(10),
            reckoning ? LiveSettings.DeadReckoning.DEFAULT : LiveSettings.DeadReckoning.OFF);
    LiveTracker brute = new LiveTracker(settings, true);
    LiveTracker indexed = new LiveTracker(settings);

    GeoPoint centre = GeoPoint.of(40.0, 36.5);
    List<Mover> roads = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      GeoPoint mid = Geo.direct(centre, 360 * rnd.nextDouble(), 60_000 * rnd.nextDouble());
      double azimuth = 180 * rnd.nextDouble();
      roads.add(Mover.from(Geo.direct(mid, azimuth + 180, 100_000), azimuth, 1));
    }
    int n = 2000;
    List<Mover> movers = new ArrayList<>();
    List<String> party = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Mover road = roads.get(rnd.nextInt(roads.size()));
      double along = 200_000 * rnd.nextDouble();
      GeoPoint p = road.at(along);
      double course = road.courseAt(along) + (rnd.nextBoolean() ? 0 : 180);
      movers.add(Mover.from(p, course, 5 + 20 * rnd.nextDouble()));
      party.add(PARTIES[rnd.nextInt(PARTIES.length)]);
    }
    for (int i = 0; i < n; i += 10) {
      plan(
          brute,
          indexed,
          movers.get(i),
          "u" + i,
          party.get(i),
          new double[] {500, 2000, 3000}[i % 3]);
    }
    // agreed separations for units without a plan: US-RU from the start, RU-TR from round 2 on
    agreed(brute, indexed, "US", "RU", new java.util.TreeMap<>(java.util.Map.of(T0, 1500.0)));
    agreed(
        brute,
        indexed,
        "RU",
        "TR",
        new java.util.TreeMap<>(java.util.Map.of(T0.plusSeconds(60), 2500.0)));
    Site site = new Site("s1", "RU", roads.get(0).at(60_000), 800, Validity.always());
    brute.site(site);
    indexed.site(site);

    int calls = 0;
    int stale = 0;
    for (int round = 0; round < 5; round++) {
      List<PositionReport> reports = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (rnd.nextDouble() < 0.15) {
          continue;
        }
        double s = 30 * round + 20 * rnd.nextDouble();
        Mover m = movers.get(i);
        PositionReport r =
            rnd.nextDouble() < 0.7
                ? m.report("u" + i, party.get(i), s)
                : noisy(m.bare("u" + i, party.get(i), s), rnd);
        if (i % 3 == 1) {
          // A third fly (D37): layers 200 m apart, climbing, level or descending.
          r =
              new PositionReport(
                  r.unit(),
                  r.party(),
                  r.time(),
                  r.lon(),
                  r.lat(),
                  r.courseDegrees(),
                  r.speedMps(),
                  r.accuracyMeters(),
                  200 * (i % 5) + ((i % 4) - 1.5) * s);
        }
        reports.add(r);
        if (rnd.nextDouble() < 0.05) {
          reports.add(r);
        }
      }
      Collections.shuffle(reports, rnd);
      for (int from = 0; from < reports.size(); ) {
        int to = Math.min(reports.size(), from + 1 + rnd.nextInt(300));
        List<PositionReport> batch = reports.subList(from, to);
        List<LiveEvent> expected = brute.report(batch);
        assertThat(indexed.report(batch))
            .as("seed %d, round %d, call %d", seed, round, calls)
            .isEqualTo(expected);
        stale +=
            (int)
                expected.stream()
                    .filter(e -> e instanceof EncounterEnded x && x.reason().equals("stale"))
                    .count();
        calls++;
        from = to;
      }
      if (round == 2) {
        // Replace some plans with other separations: the index must follow.
        for (int i = 0; i < n; i += 20) {
          plan(brute, indexed, movers.get(i), "u" + i, party.get(i), 4000);
        }
        brute.unplan(party.get(10), "u10");
        indexed.unplan(party.get(10), "u10");
        // an agreement recorded now: units already in the grid must grow their corridors
        agreed(
            brute,
            indexed,
            "US",
            "TR",
            new java.util.TreeMap<>(java.util.Map.of(T0.plusSeconds(90), 3000.0)));
      }
      java.time.Instant tick = T0.plusSeconds(30L * round + 25);
      List<LiveEvent> expected = brute.tick(tick);
      assertThat(indexed.tick(tick)).as("seed %d, tick %d", seed, round).isEqualTo(expected);
      stale += expected.size();
      assertThat(indexed.encounters())
          .as("seed %d, round %d", seed, round)
          .isEqualTo(brute.encounters());
    }
    assertThat(indexed.tracks()).isEqualTo(brute.tracks());
    assertThat(brute.encounters())
        .as("seed %d: enough encounters to be a test", seed)
        .hasSizeGreaterThan(200);
    assertThat(stale).as("seed %d: stale endings", seed).isPositive();
    assertThat(indexed.ignored()).isPositive().isEqualTo(brute.ignored());
    assertThat(indexed.absorbed()).isEqualTo(brute.absorbed());
    if (reckoning) {
      assertThat(indexed.absorbed()).as("reports absorbed by dead reckoning").isPositive();
      assertThat(indexed.evaluations()).isLessThan(brute.evaluations());
    }
    System.out.printf(
        "seed %d, dead reckoning %s: %d units, %d encounters, %d calls, %d of %d reports absorbed,"
            + " grid %d cells %d entries%n",
        seed,
        reckoning,
        indexed.units(),
        indexed.encounters().size(),
        calls,
        indexed.absorbed(),
        indexed.applied(),
        indexed.grid().cells(),
        indexed.grid().entries());
    assertThat(countChanges(brute.encounters())).isPositive();
  }

  private static long countChanges(List<Encounter> encounters) {
    return encounters.stream().map(e -> new EncounterChanged(e)).count();
  }

  private static PositionReport noisy(PositionReport r, Random rnd) {
    GeoPoint p =
        Geo.direct(GeoPoint.of(r.lon(), r.lat()), 360 * rnd.nextDouble(), 10 * rnd.nextDouble());
    return PositionReport.of(r.unit(), r.party(), r.time(), p.lon(), p.lat());
  }

  private static void agreed(
      LiveTracker brute,
      LiveTracker indexed,
      String a,
      String b,
      java.util.NavigableMap<java.time.Instant, Double> steps) {
    brute.agreedSeparation(a, b, steps);
    indexed.agreedSeparation(a, b, steps);
  }

  private static void plan(
      LiveTracker brute, LiveTracker indexed, Mover m, String id, String party, double separation) {
    Movement movement =
        new Movement(
            id,
            party,
            List.of(new Waypoint(m.at(0), T0), new Waypoint(m.at(3600), T0.plusSeconds(3600))),
            separation);
    brute.plan(movement);
    indexed.plan(movement);
  }
}
