package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares a group of the member's party's units that move together ({@code formation.declare},
 * {@code PUT /formations/{id}}): a formation of its own, beside the movements units report under
 * (design-decisions.md, D29). Declared again, the group is replaced; with no units, it is
 * disbanded.
 *
 * @param id the group's id, an item id ({@link Ids#ITEM_ID_RULE})
 * @param units the units, each a unit id ({@link Ids#UNIT_ID_RULE}), none twice, at most {@link
 *     #MAX_UNITS}
 */
public record DeclareFormation(String id, List<String> units) implements Command {

  /** The journaled type. */
  public static final String TYPE = "formation.declare";

  /** The most units one group may hold. */
  public static final int MAX_UNITS = 1000;

  /** Checks the id, the number of units, every unit id and that none comes twice; copies. */
  public DeclareFormation {
    units = List.copyOf(units);
    Ids.requireText(id, "/id");
    if (!Ids.isItemId(id)) {
      throw ServiceException.invalid(
          "/id", "/id \"" + id + "\" cannot name a formation: an id is " + Ids.ITEM_ID_RULE);
    }
    if (units.size() > MAX_UNITS) {
      throw ServiceException.invalid(
          "/units", "/units holds " + units.size() + " units, more than the limit of " + MAX_UNITS);
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < units.size(); i++) {
      String at = "/units/" + i;
      Ids.requireText(units.get(i), at);
      Ids.requireUnitId(units.get(i), at);
      Integer first = seen.putIfAbsent(units.get(i), i);
      if (first != null) {
        throw ServiceException.invalid(
            at, at + " \"" + units.get(i) + "\" is already /units/" + first);
      }
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
