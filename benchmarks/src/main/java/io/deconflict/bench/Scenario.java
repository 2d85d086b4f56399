package io.deconflict.bench;

import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated workload: movements, sites and zones, in that order in {@link #items()}.
 *
 * @param movements the movements, ids {@code m0000000} up
 * @param sites the sites, ids {@code s000000} up
 * @param zones the zones, ids {@code z00000} up
 */
public record Scenario(List<Movement> movements, List<Site> sites, List<Zone> zones) {

  /** Copies the lists. */
  public Scenario {
    movements = List.copyOf(movements);
    sites = List.copyOf(sites);
    zones = List.copyOf(zones);
  }

  /** Every item: the movements, then the sites, then the zones. */
  public List<Item> items() {
    List<Item> all = new ArrayList<>(movements.size() + sites.size() + zones.size());
    all.addAll(movements);
    all.addAll(sites);
    all.addAll(zones);
    return all;
  }

  /** The number of waypoints over all movements. */
  public long waypointCount() {
    long count = 0;
    for (Movement m : movements) {
      count += m.waypoints().size();
    }
    return count;
  }
}
