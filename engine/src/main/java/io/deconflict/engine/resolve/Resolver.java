package io.deconflict.engine.resolve;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Waypoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolution proposals: the smallest delay and the smallest advance of a movement's start, in whole
 * seconds, that leave the movement in conflict with nothing stored (D41).
 *
 * <p>The search asks the detector's index for the items the movement could meet if shifted within
 * the horizon ({@link Detector#near}), collects the exact shift intervals at which it conflicts
 * with each ({@link ShiftWindows}), and takes the whole second nearest zero on each side outside
 * their union. Each answer is then confirmed by the detectors' own check of the shifted movement
 * against those items; a shift the check refuses (the two differ only within a millisecond of an
 * interval's end) moves the search on by a second.
 *
 * <p>Pure and deterministic: the same items give the same proposals. Cost: the index query, one
 * constant-time solve per pair of pieces that may meet within the horizon, and one check per
 * answer. Not thread-safe (it uses the detector).
 */
public final class Resolver {

  /** The default search horizon: a day either way. */
  public static final Duration HORIZON = Duration.ofHours(24);

  /** Longest horizon a search may use. */
  public static final Duration MAX_HORIZON = Duration.ofDays(14);

  /**
   * Each shift interval is widened by this much, seconds: none, as the detectors' check confirms
   * each answer (a margin of a millisecond made a proposal a second longer than needed whenever an
   * interval ended just before a whole second).
   */
  static final double MARGIN_SECONDS = 0;

  private Resolver() {}

  /**
   * The shifts that resolve a conflict: for each side of it that is a movement (the first side
   * first), its smallest delay and advance that leave it in conflict with nothing stored.
   *
   * @param conflict a conflict between stored items
   * @param detector the detector that holds them
   * @param items the stored item with an id, if any (the detector's index yields ids)
   * @param horizon how far either way to look, whole seconds, positive, at most {@link
   *     #MAX_HORIZON}
   * @throws IllegalArgumentException if a side of the conflict is not stored or the horizon is bad
   */
  public static List<Shifts> resolve(
      Conflict conflict,
      Detector detector,
      Function<String, Optional<Item>> items,
      Duration horizon) {
    List<Shifts> out = new ArrayList<>();
    for (String id : List.of(conflict.a(), conflict.b())) {
      Item item =
          items
              .apply(id)
              .orElseThrow(() -> new IllegalArgumentException("conflict side not stored: " + id));
      if (item instanceof Movement m) {
        out.add(shifts(m, detector, items, horizon));
      }
    }
    return out;
  }

  /**
   * The smallest delay and advance of {@code movement}'s start, whole seconds, that leave it in
   * conflict with none of the detector's items of other parties (a stored version of the movement
   * itself is ignored, as if replaced).
   *
   * @throws IllegalArgumentException if the horizon is not whole seconds in (0, {@link
   *     #MAX_HORIZON}]
   */
  public static Shifts shifts(
      Movement movement,
      Detector detector,
      Function<String, Optional<Item>> items,
      Duration horizon) {
    return shifts(movement, detector, items, horizon, Duration.ofSeconds(1));
  }

  /**
   * As {@link #shifts(Movement, Detector, Function, Duration)}, the shifts whole multiples of
   * {@code step} (a minute, for a proposal people read out on the hotline): the smallest such
   * multiple that is free, which may be more than the exact answer rounded up.
   *
   * @throws IllegalArgumentException if the step is not whole seconds in [1 s, horizon]
   */
  public static Shifts shifts(
      Movement movement,
      Detector detector,
      Function<String, Optional<Item>> items,
      Duration horizon,
      Duration step) {
    requireHorizon(horizon);
    return shifts(movement, near(movement, detector, items, horizon), horizon, step);
  }

  /**
   * The conflicts {@code movement} would have, shifted by {@code by} (later if positive), with the
   * detector's items: the check a proposal must pass when it is accepted. Works on any detector,
   * also one that finds no conflicts by itself (D32): it checks against the items {@link
   * Detector#near} names.
   */
  public static List<Conflict> conflictsShifted(
      Movement movement, Duration by, Detector detector, Function<String, Optional<Item>> items) {
    Duration horizon = Duration.ofSeconds(by.abs().getSeconds() + 1);
    Detector check = Detectors.bruteForce();
    check.load(near(movement, detector, items, horizon));
    return check.check(shifted(movement, by));
  }

  private static List<Item> near(
      Movement movement,
      Detector detector,
      Function<String, Optional<Item>> items,
      Duration horizon) {
    List<Item> near = new ArrayList<>();
    for (String id : detector.near(movement, horizon)) {
      items.apply(id).ifPresent(near::add);
    }
    return near;
  }

  /**
   * The smallest delay and advance of {@code movement}'s start that leave it in conflict with none
   * of {@code others} (items of its own party and with its id are ignored).
   */
  public static Shifts shifts(
      Movement movement, Collection<? extends Item> others, Duration horizon) {
    return shifts(movement, others, horizon, Duration.ofSeconds(1));
  }

  private static Shifts shifts(
      Movement movement, Collection<? extends Item> others, Duration horizon, Duration step) {
    return shifts(movement, others, horizon, List.of(step)).get(0);
  }

  /**
   * As {@link #shifts(Movement, Detector, Function, Duration, Duration)} for several steps at once
   * (a second and a minute, as the service shows them): the items and the intervals are found once.
   *
   * @return one {@link Shifts} per step, in order
   */
  public static List<Shifts> shifts(
      Movement movement,
      Detector detector,
      Function<String, Optional<Item>> items,
      Duration horizon,
      List<Duration> steps) {
    requireHorizon(horizon);
    return shifts(movement, near(movement, detector, items, horizon), horizon, steps);
  }

  private static List<Shifts> shifts(
      Movement movement,
      Collection<? extends Item> others,
      Duration horizon,
      List<Duration> steps) {
    requireHorizon(horizon);
    steps.forEach(step -> requireStep(step, horizon));
    long limit = horizon.getSeconds();
    double[] windows = conflictingShifts(movement, others, horizon);
    double[] mirrored = new double[windows.length];
    for (int k = 0; k < windows.length; k++) {
      mirrored[k] = -windows[windows.length - 1 - k];
    }
    Detector check = Detectors.bruteForce();
    check.load(others(movement, others));
    List<Shifts> out = new ArrayList<>();
    for (Duration step : steps) {
      long g = step.getSeconds();
      Optional<Duration> delay = firstConfirmed(movement, windows, 1, g, limit, check);
      Optional<Duration> advance = firstConfirmed(movement, mirrored, -1, g, limit, check);
      out.add(new Shifts(movement.id(), movement.party(), delay, advance, horizon));
    }
    return out;
  }

  /**
   * The shortest hold at waypoint {@code waypoint} (a whole multiple of {@code step}) after which
   * {@code movement} conflicts with none of the detector's items: the movement as notified up to
   * that waypoint, a halt there, then the rest of its route as notified, every later time moved by
   * the hold. Empty if none within the horizon: when the route up to the waypoint is itself in
   * conflict, or the halt there would meet something before the rest is clear.
   *
   * <p>Exact as {@link #shifts}: the rest of the route's conflicting shifts are its intervals
   * ({@link ShiftWindows}); the halt's own conflicts begin at a fixed time, so it may last at most
   * until then; the answer is confirmed by the detectors' check of the held movement.
   *
   * @param waypoint the index of the waypoint to hold at, from 0 to the last but one
   * @throws IllegalArgumentException if the waypoint is out of that range, or the horizon or step
   *     is bad
   */
  public static Optional<Duration> hold(
      Movement movement,
      int waypoint,
      Detector detector,
      Function<String, Optional<Item>> items,
      Duration horizon,
      Duration step) {
    requireHorizon(horizon);
    requireStep(step, horizon);
    List<Waypoint> w = movement.waypoints();
    if (waypoint < 0 || waypoint > w.size() - 2) {
      throw new IllegalArgumentException(
          "waypoint must be from 0 to "
              + (w.size() - 2)
              + " (a hold at the last one only lengthens movement "
              + movement.id()
              + "), got "
              + waypoint);
    }
    List<Item> near = near(movement, detector, items, horizon);
    Detector check = Detectors.bruteForce();
    check.load(others(movement, near));
    long limit = horizon.getSeconds();
    long g = step.getSeconds();
    if (waypoint > 0 && !check.check(part(movement, 0, waypoint, Duration.ZERO)).isEmpty()) {
      return Optional.empty();
    }
    // The halt, as long as the horizon allows: it may last until its first conflict begins.
    Instant at = w.get(waypoint).time();
    Movement halt =
        new Movement(
            movement.id(),
            movement.party(),
            List.of(w.get(waypoint), new Waypoint(w.get(waypoint).point(), at.plus(horizon))),
            movement.separationMeters(),
            movement.bands().isEmpty()
                ? List.of()
                : List.of(movement.band(waypoint == 0 ? 0 : waypoint - 1)),
            movement.verticalSeparationMeters());
    double haltMax = Double.POSITIVE_INFINITY;
    for (Conflict c : check.check(halt)) {
      haltMax = Math.min(haltMax, (c.start().toEpochMilli() - at.toEpochMilli()) / 1000.0);
    }
    double[] windows =
        conflictingShifts(part(movement, waypoint, w.size() - 1, Duration.ZERO), near, horizon);
    long k = g;
    while (true) {
      k = firstFree(windows, k, g);
      if (k > limit || k > haltMax) {
        return Optional.empty();
      }
      if (check.check(held(movement, waypoint, Duration.ofSeconds(k))).isEmpty()) {
        return Optional.of(Duration.ofSeconds(k));
      }
      k += g;
    }
  }

  /**
   * The movement with a halt of {@code hold} at waypoint {@code waypoint}: the waypoints up to it
   * as they are, the waypoint again {@code hold} later, then the rest moved by {@code hold}. The
   * halt's leg keeps the band of the leg that arrives there (of the first leg at waypoint 0).
   */
  public static Movement held(Movement m, int waypoint, Duration hold) {
    List<Waypoint> w = m.waypoints();
    List<Waypoint> out = new ArrayList<>(w.size() + 1);
    for (int i = 0; i <= waypoint; i++) {
      out.add(w.get(i));
    }
    Waypoint here = w.get(waypoint);
    out.add(new Waypoint(here.point(), here.time().plus(hold)));
    for (int i = waypoint + 1; i < w.size(); i++) {
      out.add(new Waypoint(w.get(i).point(), w.get(i).time().plus(hold)));
    }
    List<Band> bands = new ArrayList<>();
    if (!m.bands().isEmpty()) {
      bands.addAll(m.bands().subList(0, waypoint));
      bands.add(m.band(waypoint == 0 ? 0 : waypoint - 1));
      bands.addAll(m.bands().subList(waypoint, m.bands().size()));
    }
    return new Movement(
        m.id(), m.party(), out, m.separationMeters(), bands, m.verticalSeparationMeters());
  }

  /** Waypoints {@code from..to} of a movement (at least two), moved by {@code by}. */
  private static Movement part(Movement m, int from, int to, Duration by) {
    List<Waypoint> w = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      Waypoint p = m.waypoints().get(i);
      w.add(new Waypoint(p.point(), p.time().plus(by)));
    }
    return new Movement(
        m.id(),
        m.party(),
        w,
        m.separationMeters(),
        m.bands().isEmpty() ? List.of() : m.bands().subList(from, to),
        m.verticalSeparationMeters());
  }

  private static List<Item> others(Movement movement, Collection<? extends Item> items) {
    List<Item> out = new ArrayList<>();
    for (Item other : items) {
      if (!other.party().equals(movement.party()) && !other.id().equals(movement.id())) {
        out.add(other);
      }
    }
    return out;
  }

  private static void requireStep(Duration step, Duration horizon) {
    if (step.getNano() != 0 || step.getSeconds() < 1 || step.compareTo(horizon) > 0) {
      throw new IllegalArgumentException(
          "step must be whole seconds in [PT1S, " + horizon + "], got " + step);
    }
  }

  /**
   * The shifts, seconds, at which {@code movement} conflicts with one of {@code others}, as sorted
   * disjoint open intervals {@code [lo0, hi0, lo1, hi1, ...]} clipped to the horizon (plus a
   * second), each widened by {@link #MARGIN_SECONDS}.
   */
  static double[] conflictingShifts(
      Movement movement, Collection<? extends Item> others, Duration horizon) {
    ShiftWindows w = new ShiftWindows(movement, horizon.getSeconds());
    for (Item other : others) {
      w.add(other);
    }
    return w.merged(MARGIN_SECONDS);
  }

  /**
   * The movement with every waypoint moved by {@code by} (later if positive): the version an owner
   * writes to accept a proposal.
   */
  public static Movement shifted(Movement m, Duration by) {
    List<Waypoint> moved = new ArrayList<>(m.waypoints().size());
    for (Waypoint w : m.waypoints()) {
      moved.add(new Waypoint(w.point(), w.time().plus(by)));
    }
    return new Movement(
        m.id(), m.party(), moved, m.separationMeters(), m.bands(), m.verticalSeparationMeters());
  }

  /**
   * The first multiple {@code k} of {@code step} seconds in {@code [step, limit]} outside the
   * windows (in the direction's terms) at which the detectors' check finds the shifted movement
   * free, as a positive duration.
   */
  private static Optional<Duration> firstConfirmed(
      Movement movement, double[] windows, int direction, long step, long limit, Detector check) {
    long k = step;
    while (true) {
      k = firstFree(windows, k, step);
      if (k > limit) {
        return Optional.empty();
      }
      if (check.check(shifted(movement, Duration.ofSeconds(direction * k))).isEmpty()) {
        return Optional.of(Duration.ofSeconds(k));
      }
      k += step;
    }
  }

  /**
   * The smallest multiple of {@code step} at or after {@code k} (itself a multiple) that lies in
   * none of the open windows.
   */
  static long firstFree(double[] windows, long k, long step) {
    for (int w = 0; w < windows.length; w += 2) {
      double a = windows[w];
      double b = windows[w + 1];
      if (b <= k) {
        continue;
      }
      if (a < k) {
        k = step * (long) Math.ceil(b / step);
      } else {
        return k;
      }
    }
    return k;
  }

  private static void requireHorizon(Duration horizon) {
    if (horizon.isNegative()
        || horizon.isZero()
        || horizon.getNano() != 0
        || horizon.compareTo(MAX_HORIZON) > 0) {
      throw new IllegalArgumentException(
          "horizon must be whole seconds in (0, " + MAX_HORIZON + "], got " + horizon);
    }
  }
}
