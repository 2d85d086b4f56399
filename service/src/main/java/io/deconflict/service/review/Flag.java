package io.deconflict.service.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A breach of the agreement's terms the review flags, with the journal records that prove it.
 *
 * @param rule {@code late-notice}, {@code unacknowledged} or {@code off-route}
 * @param party the party in breach
 * @param subject what it is about, e.g. {@code movement mv-3}
 * @param detail what happened, in a sentence
 * @param at when the breach happened
 * @param records the records that prove it, in journal order, each once
 */
record Flag(
    String rule, String party, String subject, String detail, Instant at, List<Ref> records) {

  /** The order flags are listed in: by time, then rule, then subject. */
  static final Comparator<Flag> ORDER =
      Comparator.comparing(Flag::at).thenComparing(Flag::rule).thenComparing(Flag::subject);

  /** Sorts the records and drops repeats. */
  Flag {
    List<Ref> sorted = new ArrayList<>();
    records.stream()
        .sorted(Comparator.comparingLong(Ref::seq))
        .forEach(
            r -> {
              if (sorted.isEmpty() || sorted.get(sorted.size() - 1).seq() != r.seq()) {
                sorted.add(r);
              }
            });
    records = List.copyOf(sorted);
  }

  ObjectNode toJson() {
    ObjectNode out = Json.object();
    out.put("rule", rule).put("party", party).put("subject", subject).put("detail", detail);
    out.put("at", at.toString());
    ArrayNode refs = out.putArray("records");
    records.forEach(r -> refs.add(r.toJson()));
    return out;
  }

  /** A duration for people: {@code 2 h}, {@code 1 h 30 min}, {@code 12 min 5 s}, {@code 0 s}. */
  static String human(Duration d) {
    String sign = d.isNegative() ? "-" : "";
    long s = Math.abs(d.getSeconds());
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    List<String> parts = new ArrayList<>();
    if (h > 0) {
      parts.add(h + " h");
    }
    if (m > 0) {
      parts.add(m + " min");
    }
    if (sec > 0 || parts.isEmpty()) {
      parts.add(sec + " s");
    }
    return sign + String.join(" ", parts);
  }

  /** Metres for people: {@code 812 m}, {@code 3.2 km}. */
  static String meters(double m) {
    return m < 1000
        ? Math.round(m) + " m"
        : String.format(java.util.Locale.ROOT, "%.1f km", m / 1000);
  }
}
