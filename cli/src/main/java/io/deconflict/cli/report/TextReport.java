package io.deconflict.cli.report;

import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes conflicts for people: a table with one row per conflict, then a summary line such as
 * {@code 3 conflicts among 6 items (4 movements, 1 site, 1 zone)}.
 *
 * <p>Columns: kind, a, b, parties, start, end, duration ({@code H:MM:SS}, with milliseconds when
 * not whole), closest time and distance in metres ({@code -} for zones, which have none).
 */
public final class TextReport {

  private static final List<String> HEADER =
      List.of("KIND", "A", "B", "PARTIES", "START", "END", "DURATION", "CLOSEST", "DISTANCE (m)");

  /** The distance column is right-aligned. */
  private static final int DISTANCE_COLUMN = 8;

  private static final String GAP = "  ";

  private TextReport() {}

  /** Writes the table (if there are conflicts) and the summary line, and flushes. */
  public static void write(List<Conflict> conflicts, Inventory inventory, PrintWriter out) {
    write(conflicts, inventory, Lapses.NONE, out);
  }

  /**
   * As {@link #write(List, Inventory, PrintWriter)}, a lapsed site or zone marked {@code (lapsed)}
   * after its id, and a last line naming the lapsed ones, if any.
   */
  public static void write(
      List<Conflict> conflicts, Inventory inventory, Lapses lapses, PrintWriter out) {
    write(conflicts, inventory, lapses, JointParties.NONE, out);
  }

  /**
   * As {@link #write(List, Inventory, Lapses, PrintWriter)}, a joint movement's party shown as its
   * lead and participants joined by {@code +} (D39).
   */
  public static void write(
      List<Conflict> conflicts,
      Inventory inventory,
      Lapses lapses,
      JointParties joint,
      PrintWriter out) {
    if (!conflicts.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(HEADER);
      for (Conflict conflict : conflicts) {
        List<String> row = new ArrayList<>(row(conflict, joint));
        Optional<Lapses.Lapse> lapse = lapses.of(conflict);
        if (lapse.isPresent()) {
          int column = lapse.get().id().equals(conflict.b()) ? 2 : 1;
          row.set(column, row.get(column) + " (lapsed)");
        }
        rows.add(row);
      }
      int[] widths = new int[HEADER.size()];
      for (List<String> row : rows) {
        for (int i = 0; i < row.size(); i++) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      }
      for (List<String> row : rows) {
        out.println(line(row, widths));
      }
      out.println();
    }
    out.println(summary(conflicts.size(), inventory));
    if (!lapses.ids().isEmpty()) {
      out.println(
          plural(lapses.ids().size(), "site or zone", "sites or zones")
              + " lapsed (not reconfirmed in time): "
              + String.join(", ", lapses.ids()));
    }
    out.flush();
  }

  /** {@code N conflicts among M items (P movements, S sites, Z zones)}, singular where 1. */
  static String summary(long conflicts, Inventory inventory) {
    return plural(conflicts, "conflict")
        + " among "
        + plural(inventory.items(), "item")
        + " ("
        + plural(inventory.movements(), "movement")
        + ", "
        + plural(inventory.sites(), "site")
        + ", "
        + plural(inventory.zones(), "zone")
        + ")";
  }

  /** {@code H:MM:SS} or {@code H:MM:SS.mmm}; hours may exceed 23. */
  static String duration(Duration d) {
    String whole =
        String.format(
            Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    int millis = d.toMillisPart();
    return millis == 0 ? whole : whole + String.format(Locale.ROOT, ".%03d", millis);
  }

  private static String parties(String lead, List<String> participants) {
    StringBuilder out = new StringBuilder(printable(lead));
    for (String p : participants) {
      out.append('+').append(printable(p));
    }
    return out.toString();
  }

  private static List<String> row(Conflict c, JointParties joint) {
    Optional<ClosestApproach> closest = c.closest();
    return List.of(
        c.kind().wireName(),
        printable(c.a()),
        printable(c.b()),
        parties(c.partyA(), joint.of(c.a())) + "/" + parties(c.partyB(), joint.of(c.b())),
        c.start().toString(),
        c.end().toString(),
        duration(Duration.between(c.start(), c.end())),
        closest.map(a -> a.time().toString()).orElse("-"),
        closest.map(a -> String.format(Locale.ROOT, "%.2f", a.distanceMeters())).orElse("-"));
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String padding = " ".repeat(widths[i] - cell.length());
      if (i > 0) {
        line.append(GAP);
      }
      if (i == DISTANCE_COLUMN) {
        line.append(padding).append(cell);
      } else {
        line.append(cell);
        if (i < cells.size() - 1) {
          line.append(padding);
        }
      }
    }
    return line.toString();
  }

  /** Replaces control characters, which would break the table's lines. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }

  private static String plural(long count, String noun) {
    return plural(count, noun, noun + "s");
  }

  private static String plural(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }

  /**
   * After the table, a blank line and one line per movement in a conflict, in the order first met:
   * {@code proposals: ru-patrol-1 delay 17:05 or advance 3:00 (H:MM:SS, whole seconds within 24 h;
   * "none" when nothing within it clears it)}.
   */
  public static void writeProposals(
      List<Conflict> conflicts,
      java.util.function.Function<Conflict, List<io.deconflict.engine.resolve.Shifts>> proposals,
      PrintWriter out) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<String> lines = new ArrayList<>();
    for (Conflict conflict : conflicts) {
      for (io.deconflict.engine.resolve.Shifts s : proposals.apply(conflict)) {
        if (seen.add(s.movement())) {
          lines.add(
              "  "
                  + printable(s.movement())
                  + ": delay "
                  + s.delay().map(TextReport::clock).orElse("none")
                  + ", advance "
                  + s.advance().map(TextReport::clock).orElse("none"));
        }
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    out.println();
    out.println(
        "Proposals (smallest shift of a movement's start that clears all its conflicts,"
            + " within 24 h):");
    lines.forEach(out::println);
  }

  private static String clock(java.time.Duration d) {
    long s = d.getSeconds();
    return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
  }
}
