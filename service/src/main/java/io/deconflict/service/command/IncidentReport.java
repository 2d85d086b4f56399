package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a member states about an incident, in a first record or a revision: whether its parties are
 * configured and its conflict and alert ids visible to the member is the dispatch's to check.
 *
 * @param kind one of {@link #KINDS}
 * @param time when it happened
 * @param place where it happened
 * @param summary what happened, at most {@link #MAX_TEXT} characters
 * @param parties the parties involved, at least one
 * @param conflicts the conflicts it relates to
 * @param alerts the alerts it relates to
 * @param sources who reported it and how far they are believed
 */
public record IncidentReport(
    String kind,
    IsoInstant time,
    Place place,
    Optional<String> summary,
    List<String> parties,
    Optional<List<String>> conflicts,
    Optional<List<String>> alerts,
    Optional<List<Source>> sources) {

  /** The kinds of incident. */
  public static final Set<String> KINDS =
      Set.of(
          "encounter",
          "standoff",
          "blocking",
          "interception",
          "collision",
          "exchange-of-fire",
          "other");

  /** How far a source is believed. */
  public static final Set<String> CREDIBILITY =
      Set.of("confirmed", "probable", "possible", "doubtful", "unknown");

  /** The longest text of a summary, an account or a source's fields. */
  public static final int MAX_TEXT = 10_000;

  /** Checks the kind, the texts' lengths, that parties are listed and every source. */
  public IncidentReport {
    if (!KINDS.contains(kind)) {
      throw ServiceException.invalid(
          "/kind", "/kind \"" + kind + "\" is not one of " + new TreeSet<>(KINDS));
    }
    summary.ifPresent(s -> limited(s, "/summary"));
    parties = List.copyOf(parties);
    if (parties.isEmpty()) {
      throw ServiceException.invalid("/parties", "/parties must list the parties involved");
    }
    conflicts = conflicts.map(List::copyOf);
    alerts = alerts.map(List::copyOf);
    sources = sources.map(List::copyOf);
    List<Source> listed = sources.orElse(List.of());
    for (int i = 0; i < listed.size(); i++) {
      String at = "/sources/" + i;
      Source s = listed.get(i);
      String credibility = s.credibility().orElse("unknown");
      if (!CREDIBILITY.contains(credibility)) {
        throw ServiceException.invalid(
            at + "/credibility",
            at
                + "/credibility \""
                + credibility
                + "\" is not one of "
                + new TreeSet<>(CREDIBILITY));
      }
      limited(s.reportedBy(), at + "/reportedBy");
      int index = i;
      s.link().ifPresent(link -> limited(link, "/sources/" + index + "/link"));
    }
  }

  /** Throws unless {@code text} is at most {@link #MAX_TEXT} characters. */
  static String limited(String text, String pointer) {
    if (text.length() > MAX_TEXT) {
      throw ServiceException.invalid(
          pointer, pointer + " is longer than " + MAX_TEXT + " characters");
    }
    return text;
  }

  /**
   * Who reported an incident.
   *
   * @param credibility one of {@link #CREDIBILITY} (default {@code unknown})
   * @param link where the report can be found
   */
  public record Source(String reportedBy, Optional<String> credibility, Optional<String> link) {}
}
