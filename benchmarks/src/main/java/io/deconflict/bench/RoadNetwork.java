package io.deconflict.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Towns and the roads between neighbouring towns, in the local frame's metres.
 *
 * <p>Towns are placed at random with a minimum spacing. Each town is joined to its three nearest
 * towns, and components are then joined through their closest pair of towns, so every town has at
 * least three roads and every town can be reached. A road is a polyline from one town to the other
 * with a few bends pushed sideways. Because every town has three roads, a walk that never turns
 * straight back can always go on. Immutable after construction and thread-safe.
 */
final class RoadNetwork {

  private static final int NEAREST = 3;

  private final double[] townX;
  private final double[] townY;

  /** roads[i] lists the roads leaving town i. */
  private final List<List<Road>> roads;

  private final int roadCount;

  /** A road leaving a town: the town it leads to and its polyline, starting at the first town. */
  record Road(int to, Polyline line) {}

  RoadNetwork(SplittableRandom random, int towns, double halfSideMeters, double minSpacingMeters) {
    townX = new double[towns];
    townY = new double[towns];
    double inner = halfSideMeters * 0.95;
    int placed = 0;
    for (int attempt = 0; placed < towns; attempt++) {
      if (attempt > 1_000_000) {
        throw new IllegalStateException(
            "cannot place " + towns + " towns " + minSpacingMeters + " m apart");
      }
      double x = random.nextDouble(-inner, inner);
      double y = random.nextDouble(-inner, inner);
      if (farFromAll(x, y, placed, minSpacingMeters)) {
        townX[placed] = x;
        townY[placed] = y;
        placed++;
      }
    }
    boolean[][] joined = new boolean[towns][towns];
    for (int i = 0; i < towns; i++) {
      for (int j : nearest(i, NEAREST)) {
        joined[i][j] = true;
        joined[j][i] = true;
      }
    }
    connectComponents(joined);
    roads = new ArrayList<>(towns);
    for (int i = 0; i < towns; i++) {
      roads.add(new ArrayList<>());
    }
    int count = 0;
    for (int i = 0; i < towns; i++) {
      for (int j = i + 1; j < towns; j++) {
        if (joined[i][j]) {
          Polyline line = bentRoad(random, i, j, halfSideMeters);
          roads.get(i).add(new Road(j, line));
          roads.get(j).add(new Road(i, line.reversed()));
          count++;
        }
      }
    }
    roadCount = count;
  }

  int towns() {
    return townX.length;
  }

  int roadCount() {
    return roadCount;
  }

  List<Road> roadsFrom(int town) {
    return roads.get(town);
  }

  /** A random point on a random road, in local metres {x, y}. */
  double[] randomRoadPoint(SplittableRandom random) {
    List<Road> from = roads.get(random.nextInt(towns()));
    Polyline line = from.get(random.nextInt(from.size())).line();
    return line.pointAt(random.nextDouble(line.length()));
  }

  /**
   * A route along the roads at least {@code lengthMeters} long: it starts at a random point of a
   * random road, follows it to the town at its end, then at each town takes a random road other
   * than the one it came by.
   */
  Polyline walk(SplittableRandom random, double lengthMeters) {
    int town = random.nextInt(towns());
    List<Road> first = roads.get(town);
    Road road = first.get(random.nextInt(first.size()));
    Polyline route = road.line().from(random.nextDouble(road.line().length()));
    int previous = town;
    town = road.to();
    while (route.length() < lengthMeters) {
      List<Road> next = roads.get(town);
      Road chosen;
      do {
        chosen = next.get(random.nextInt(next.size()));
      } while (chosen.to() == previous);
      route = route.append(chosen.line());
      previous = town;
      town = chosen.to();
    }
    return route;
  }

  private boolean farFromAll(double x, double y, int placed, double minSpacing) {
    for (int k = 0; k < placed; k++) {
      if (Math.sqrt(sq(townX[k] - x) + sq(townY[k] - y)) < minSpacing) {
        return false;
      }
    }
    return true;
  }

  private int[] nearest(int town, int count) {
    Integer[] order = new Integer[towns()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (p, q) -> Double.compare(distance(town, p), distance(town, q)));
    int[] result = new int[count];
    for (int k = 0; k < count; k++) {
      result[k] = order[k + 1]; // order[0] is the town itself
    }
    return result;
  }

  private double distance(int p, int q) {
    return Math.sqrt(sq(townX[p] - townX[q]) + sq(townY[p] - townY[q]));
  }

  private void connectComponents(boolean[][] joined) {
    int n = towns();
    while (true) {
      int[] component = new int[n];
      Arrays.fill(component, -1);
      int components = 0;
      for (int start = 0; start < n; start++) {
        if (component[start] < 0) {
          mark(joined, component, start, components++);
        }
      }
      if (components == 1) {
        return;
      }
      int bestP = -1;
      int bestQ = -1;
      for (int p = 0; p < n; p++) {
        for (int q = 0; q < n; q++) {
          if (component[p] == 0
              && component[q] != 0
              && (bestP < 0 || distance(p, q) < distance(bestP, bestQ))) {
            bestP = p;
            bestQ = q;
          }
        }
      }
      joined[bestP][bestQ] = true;
      joined[bestQ][bestP] = true;
    }
  }

  private static void mark(boolean[][] joined, int[] component, int start, int label) {
    int[] stack = new int[joined.length];
    int top = 0;
    stack[top++] = start;
    component[start] = label;
    while (top > 0) {
      int p = stack[--top];
      for (int q = 0; q < joined.length; q++) {
        if (joined[p][q] && component[q] < 0) {
          component[q] = label;
          stack[top++] = q;
        }
      }
    }
  }

  private Polyline bentRoad(SplittableRandom random, int a, int b, double halfSide) {
    int bends = 2 + random.nextInt(3);
    double dx = townX[b] - townX[a];
    double dy = townY[b] - townY[a];
    double length = Math.sqrt(sq(dx) + sq(dy));
    double nx = -dy / length;
    double ny = dx / length;
    double[] xs = new double[bends + 2];
    double[] ys = new double[bends + 2];
    xs[0] = townX[a];
    ys[0] = townY[a];
    for (int k = 1; k <= bends; k++) {
      double along = (k + random.nextDouble(-0.3, 0.3)) / (bends + 1);
      double side = random.nextDouble(-0.07, 0.07) * length;
      xs[k] = clamp(townX[a] + along * dx + side * nx, halfSide);
      ys[k] = clamp(townY[a] + along * dy + side * ny, halfSide);
    }
    xs[bends + 1] = townX[b];
    ys[bends + 1] = townY[b];
    return new Polyline(xs, ys);
  }

  private static double clamp(double v, double halfSide) {
    return Math.max(-halfSide, Math.min(halfSide, v));
  }

  private static double sq(double v) {
    return v * v;
  }
}
