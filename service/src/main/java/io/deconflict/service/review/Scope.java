package io.deconflict.service.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a review is about: one agreement's versions as the viewer was told of them, in journal
 * order, and the week. A fact concerns the agreement when it concerns its parties (those of any
 * version told so far); a term applies at an instant as the newest version told so far whose {@code
 * effectiveFrom} is not after it (the service's rule, {@code Agreements.between}).
 */
final class Scope {

  /** A version of the agreement: its JSON (the {@code agreement.set} result) and its record. */
  record Version(ObjectNode json, Ref ref) {
    Instant effectiveFrom() {
      return Instant.parse(json.path("effectiveFrom").asText());
    }

    double separationMeters() {
      return json.path("separationMeters").asDouble();
    }

    Duration notice(boolean emergency) {
      return Duration.parse(json.path(emergency ? "emergencyNotice" : "minimumNotice").asText());
    }

    int version() {
      return json.path("version").asInt();
    }
  }

  final String agreement;
  final IsoWeek week;
  final Instant from;
  final Instant until;
  private final List<Version> versions = new ArrayList<>();
  private final Set<String> parties = new TreeSet<>();

  Scope(String agreement, IsoWeek week) {
    this.agreement = agreement;
    this.week = week;
    this.from = week.from();
    this.until = week.until();
  }

  /** Takes in an {@code agreement.set}, {@code .suspend} or {@code .resume} result told. */
  void version(JsonNode result, Ref ref) {
    if (result.isObject() && result.path("id").asText().equals(agreement)) {
      versions.add(new Version((ObjectNode) result, ref));
      result.path("parties").forEach(p -> parties.add(p.asText()));
    }
  }

  boolean known() {
    return !versions.isEmpty();
  }

  List<Version> versions() {
    return versions;
  }

  /** The parties of every version told so far, sorted. */
  Set<String> parties() {
    return parties;
  }

  boolean inWeek(Instant t) {
    return !t.isBefore(from) && t.isBefore(until);
  }

  boolean isParty(String party) {
    return parties.contains(party);
  }

  /**
   * Whether a fact told to these parties involves the agreement: at least two of them are its
   * parties, or the only one is.
   */
  boolean involves(Collection<String> told) {
    long ours = told.stream().filter(parties::contains).count();
    return ours >= 2 || (ours == 1 && told.size() == 1);
  }

  /** The version in force at {@code t}, if any was told so far. */
  Optional<Version> inForce(Instant t) {
    Version best = null;
    for (Version v : versions) {
      if (!v.effectiveFrom().isAfter(t)) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The versions in force at some instant of the week, oldest first. */
  List<Version> inForceDuring() {
    List<Version> out = new ArrayList<>();
    inForce(from).ifPresent(out::add);
    for (Version v : versions) {
      Instant f = v.effectiveFrom();
      if (f.isAfter(from) && f.isBefore(until) && !out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }
}
