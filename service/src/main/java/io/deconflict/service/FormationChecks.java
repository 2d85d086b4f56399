package io.deconflict.service;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.service.command.DeclareFormation;
import io.deconflict.service.command.ReportPositions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The rules of formations (design-decisions.md, D29) that need the state: which movement a report
 * may name, which units a group may take, and which planned conflict a tactical one is linked to.
 * Each check throws a {@link ServiceException} naming the field before anything changes. Stateless.
 */
final class FormationChecks {

  private FormationChecks() {}

  /**
   * Throws unless every {@code movement} a report names is one of {@code party}'s notified
   * movements, or a joint movement {@code lead/id} that {@code party} accepted to take part in
   * (D39), and no unit names two in one batch (it would be in two formations at once).
   *
   * @param isMovement whether an engine id ({@code party/id}) is a notified movement now
   * @param takesPartIn whether a party takes part, accepted, in the joint movement of an engine id
   */
  static void reports(
      String party,
      ReportPositions command,
      Predicate<String> isMovement,
      BiPredicate<String, String> takesPartIn) {
    Map<String, Integer> named = new HashMap<>();
    for (int i = 0; i < command.reports().size(); i++) {
      ReportPositions.Report r = command.reports().get(i);
      if (r.movement().isEmpty()) {
        continue;
      }
      String at = "/reports/" + i + "/movement";
      String movement = r.movement().get();
      if (!isMovement.test(party + "/" + movement) && !takesPartIn.test(party, movement)) {
        // the same answer whether another party has such a movement or not: ids are per party
        throw ServiceException.invalid(
            at,
            at
                + " \""
                + movement
                + "\" is not one of party "
                + party
                + "'s notified movements, nor a joint movement (lead/id) it accepted to take part"
                + " in");
      }
      Integer first = named.putIfAbsent(r.unit(), i);
      if (first != null) {
        String before = command.reports().get(first).movement().orElseThrow();
        if (!before.equals(movement)) {
          throw ServiceException.invalid(
              at,
              at
                  + " \""
                  + movement
                  + "\": unit "
                  + r.unit()
                  + " reports under movement \""
                  + before
                  + "\" in /reports/"
                  + first
                  + " of the same batch; a unit moves in one formation at a time");
        }
      }
    }
  }

  /**
   * Throws if the group's id is one of {@code party}'s movements (a movement is a formation
   * already) or one of its units is in another of the party's groups.
   */
  static void declare(
      String party, DeclareFormation command, Predicate<String> isMovement, Formations formations) {
    if (isMovement.test(party + "/" + command.id())) {
      throw ServiceException.invalid(
          "/id",
          "/id \""
              + command.id()
              + "\" is one of party "
              + party
              + "'s movements, a formation already: its units report under it with"
              + " \"movement\"; give the group another id");
    }
    for (int i = 0; i < command.units().size(); i++) {
      String unit = command.units().get(i);
      Optional<String> group = formations.groupOf(party, unit);
      if (group.isPresent() && !group.get().equals(command.id())) {
        throw ServiceException.invalid(
            "/units/" + i,
            "/units/"
                + i
                + " \""
                + unit
                + "\" is in formation \""
                + group.get()
                + "\" already; a unit moves in one formation at a time: take it out there"
                + " first");
      }
    }
  }

  /**
   * The planned conflict between two movements (engine ids, either order) whose interval is nearest
   * to {@code at}; ties go to the lower conflict number. Cost: O(planned conflicts).
   */
  static Optional<String> plannedConflict(
      Map<Conflict, String> conflictIds, String a, String b, Instant at) {
    String best = null;
    long bestGap = Long.MAX_VALUE;
    long bestNumber = Long.MAX_VALUE;
    for (Map.Entry<Conflict, String> e : conflictIds.entrySet()) {
      Conflict c = e.getKey();
      if (c.kind() != ConflictKind.MOVEMENT_MOVEMENT
          || !((c.a().equals(a) && c.b().equals(b)) || (c.a().equals(b) && c.b().equals(a)))) {
        continue;
      }
      long gap =
          at.isBefore(c.start())
              ? Duration.between(at, c.start()).toMillis()
              : at.isAfter(c.end()) ? Duration.between(c.end(), at).toMillis() : 0;
      long number = Long.parseLong(e.getValue().substring(3));
      if (gap < bestGap || (gap == bestGap && number < bestNumber)) {
        best = e.getValue();
        bestGap = gap;
        bestNumber = number;
      }
    }
    return Optional.ofNullable(best);
  }
}
