package io.deconflict.service.joint;

import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who answered for the participants of every joint movement (D39), per current version: a
 * participant named in a movement's {@code properties.participants} is {@link Decision#PENDING}
 * until a member of its party accepts or declines that version; a new version asks every
 * participant again. Only accepted participants are part of the movement for detection ({@link
 * #forDetector}); a movement is {@link Status#JOINT} once every participant accepted.
 *
 * <p>Deterministic; cost per call linear in one movement's participants. Not thread-safe; owned by
 * the state machine.
 */
public final class Participations {

  /** A participant's answer. */
  public enum Decision {
    /** Not answered for the current version. */
    PENDING,
    /** Takes part, on the legs the movement names. */
    ACCEPTED,
    /** Does not take part. */
    DECLINED;

    /** The wire name, lower case. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where a joint movement stands. */
  public enum Status {
    /** Some participant has not answered. */
    PROPOSED,
    /** Every participant accepted. */
    JOINT,
    /** Some participant declined: the lead must notify a version without it. */
    DECLINED;

    /** The wire name, lower case. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One participant's answer for the current version.
   *
   * @param decision the answer
   * @param at when it was given (for a pending participant, when the version was notified)
   * @param by the member who gave it, empty while pending
   */
  public record Answer(Decision decision, Instant at, String by) {}

  /** Per joint movement's engine id, per participant party (sorted), its answer. */
  private final Map<String, TreeMap<String, Answer>> answers = new HashMap<>();

  /** A movement's version was notified at {@code at}: every participant is asked again. */
  public void notified(String engineId, Movement declared, Instant at) {
    if (!declared.isJoint()) {
      answers.remove(engineId);
      return;
    }
    TreeMap<String, Answer> asked = new TreeMap<>();
    for (Participant p : declared.participants()) {
      asked.put(p.party(), new Answer(Decision.PENDING, at, ""));
    }
    answers.put(engineId, asked);
  }

  /** A movement was cancelled. */
  public void removed(String engineId) {
    answers.remove(engineId);
  }

  /** Records a participant's answer; the participant must be one of the movement's. */
  public void decide(
      String engineId, String participant, Decision decision, String member, Instant at) {
    TreeMap<String, Answer> asked = answers.get(engineId);
    if (asked == null || !asked.containsKey(participant)) {
      throw new IllegalArgumentException(participant + " takes no part in " + engineId);
    }
    asked.put(participant, new Answer(decision, at, member));
  }

  /** The answers of a movement's participants, by party; empty for a movement of one party. */
  public Map<String, Answer> of(String engineId) {
    TreeMap<String, Answer> asked = answers.get(engineId);
    return asked == null ? Map.of() : Collections.unmodifiableMap(asked);
  }

  /** A participant's answer, if the party is one of the movement's participants. */
  public Optional<Answer> answer(String engineId, String party) {
    return Optional.ofNullable(of(engineId).get(party));
  }

  /** Where a joint movement stands; {@link Status#JOINT} for a movement of one party. */
  public Status status(String engineId) {
    Status status = Status.JOINT;
    for (Answer a : of(engineId).values()) {
      if (a.decision() == Decision.DECLINED) {
        return Status.DECLINED;
      }
      if (a.decision() == Decision.PENDING) {
        status = Status.PROPOSED;
      }
    }
    return status;
  }

  /**
   * The participants who have not declined, by name: they see the whole movement and are told of
   * its conflicts with anyone else.
   */
  public Set<String> involved(String engineId) {
    Set<String> out = new TreeSet<>();
    of(engineId)
        .forEach(
            (party, a) -> {
              if (a.decision() != Decision.DECLINED) {
                out.add(party);
              }
            });
    return out;
  }

  /**
   * The movement as detection takes it: with the participants that accepted, on their legs; a
   * participant that did not (yet) is another party to it.
   */
  public Movement forDetector(String engineId, Movement declared) {
    if (!declared.isJoint()) {
      return declared;
    }
    List<Participant> accepted = new ArrayList<>();
    for (Participant p : declared.participants()) {
      if (answer(engineId, p.party()).map(a -> a.decision() == Decision.ACCEPTED).orElse(false)) {
        accepted.add(p);
      }
    }
    return declared.withParticipants(accepted);
  }

  /** Writes every joint movement's answers, by engine id, then party. */
  public void writeTo(StateOut out) {
    TreeMap<String, TreeMap<String, Answer>> sorted = new TreeMap<>(answers);
    out.int32(sorted.size());
    for (Map.Entry<String, TreeMap<String, Answer>> movement : sorted.entrySet()) {
      out.text(movement.getKey()).int32(movement.getValue().size());
      for (Map.Entry<String, Answer> e : movement.getValue().entrySet()) {
        out.text(e.getKey()).constant(e.getValue().decision());
        out.instant(e.getValue().at()).text(e.getValue().by());
      }
    }
  }

  /** Reads what {@link #writeTo} wrote into this empty register. */
  public void readFrom(StateIn in) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      String id = in.text();
      int m = in.count();
      TreeMap<String, Answer> asked = new TreeMap<>();
      for (int j = 0; j < m; j++) {
        String party = in.text();
        Decision d = in.constant(Decision.class);
        Instant at = in.instant();
        asked.put(party, new Answer(d, at, in.text()));
      }
      answers.put(id, asked);
    }
  }
}
