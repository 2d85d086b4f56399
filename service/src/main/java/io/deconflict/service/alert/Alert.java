package io.deconflict.service.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.service.Json;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A conflict as one party (the recipient) is told of it. Each conflict raises one alert per party
 * involved.
 *
 * <p>Mutable; owned by the state machine, which serialises access.
 */
public final class Alert {

  private final String id;
  private final String conflictId;
  private final String recipient;
  private final String otherParty;
  private final String ownItem;
  private final String otherItem;
  private final Subject subject;
  private final GeoPoint location;
  private final Instant raisedAt;
  private final boolean channelSuspended;
  private int level = 1;
  private boolean overdue;

  /** The live situation as its JSON text: a tree per open encounter's alert cost ~1 KB (D33). */
  private byte @Nullable [] live;

  private @Nullable Instant deadline;
  private AlertState state = AlertState.OPEN;
  private @Nullable String acknowledgedBy;
  private @Nullable Instant acknowledgedAt;
  private @Nullable String deconflictedNote;
  private @Nullable String resolution;
  private @Nullable Instant resolvedAt;

  /**
   * A new open alert at level 1.
   *
   * @param location where the recipient must look: the midpoint of the two positions at closest
   *     approach, or the movement's position on entering a zone
   */
  public Alert(
      String id,
      String conflictId,
      String recipient,
      String otherParty,
      String ownItem,
      String otherItem,
      Subject subject,
      GeoPoint location,
      Instant raisedAt,
      Instant deadline,
      boolean channelSuspended) {
    this.id = id;
    this.conflictId = conflictId;
    this.recipient = recipient;
    this.otherParty = otherParty;
    this.ownItem = ownItem;
    this.otherItem = otherItem;
    this.subject = subject;
    this.location = location;
    this.raisedAt = raisedAt;
    this.deadline = deadline;
    this.channelSuspended = channelSuspended;
  }

  public String id() {
    return id;
  }

  public String conflictId() {
    return conflictId;
  }

  public String recipient() {
    return recipient;
  }

  public String otherParty() {
    return otherParty;
  }

  /** The recipient's own item id (the party's id, not the engine's). */
  public String ownItem() {
    return ownItem;
  }

  /** The other party's item id (the party's id, not the engine's). */
  public String otherItem() {
    return otherItem;
  }

  public Subject subject() {
    return subject;
  }

  /** The live situation, for alerts about live tracks: updated as reports arrive. */
  public Optional<ObjectNode> live() {
    byte[] text = live;
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of((ObjectNode) Json.MAPPER.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException("an alert's live situation did not read back: " + id, e);
    }
  }

  /** Replaces the live situation (kept as text: the caller may go on using {@code now}). */
  public void live(ObjectNode now) {
    live = Json.bytes(now);
  }

  public GeoPoint location() {
    return location;
  }

  public Instant raisedAt() {
    return raisedAt;
  }

  public boolean channelSuspended() {
    return channelSuspended;
  }

  public int level() {
    return level;
  }

  /** When it escalates next, if it is open and below the top of the ladder. */
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  public AlertState state() {
    return state;
  }

  public Optional<String> acknowledgedBy() {
    return Optional.ofNullable(acknowledgedBy);
  }

  public Optional<Instant> acknowledgedAt() {
    return Optional.ofNullable(acknowledgedAt);
  }

  public Optional<String> deconflictedNote() {
    return Optional.ofNullable(deconflictedNote);
  }

  public Optional<String> resolution() {
    return Optional.ofNullable(resolution);
  }

  /** When it was resolved (the time of the command that resolved it), if it is. */
  public Optional<Instant> resolvedAt() {
    return Optional.ofNullable(resolvedAt);
  }

  /** Writes every field, for a snapshot ({@code AlertBook.writeTo}). */
  void writeTo(StateOut out) {
    out.text(id).text(conflictId).text(recipient).text(otherParty).text(ownItem).text(otherItem);
    writeSubject(subject, out);
    out.point(location).instant(raisedAt).bool(channelSuspended);
    out.int32(level).bool(overdue).bool(live != null);
    if (live != null) {
      out.blob(live); // as optionalJson writes it
    }
    out.optionalInstant(Optional.ofNullable(deadline)).constant(state);
    out.optionalText(Optional.ofNullable(acknowledgedBy));
    out.optionalInstant(Optional.ofNullable(acknowledgedAt));
    out.optionalText(Optional.ofNullable(deconflictedNote));
    out.optionalText(Optional.ofNullable(resolution));
    out.optionalInstant(Optional.ofNullable(resolvedAt));
  }

  /** Reads what {@link #writeTo} wrote. */
  static Alert readFrom(StateIn in) {
    String id = in.text();
    String conflictId = in.text();
    String recipient = in.text();
    String otherParty = in.text();
    String ownItem = in.text();
    String otherItem = in.text();
    Subject subject = readSubject(in);
    GeoPoint location = in.point();
    Instant raisedAt = in.instant();
    boolean channelSuspended = in.bool();
    Alert alert =
        new Alert(
            id,
            conflictId,
            recipient,
            otherParty,
            ownItem,
            otherItem,
            subject,
            location,
            raisedAt,
            raisedAt,
            channelSuspended);
    alert.level = in.int32();
    alert.overdue = in.bool();
    alert.live = in.optionalObject().map(Json::bytes).orElse(null);
    alert.deadline = in.optionalInstant().orElse(null);
    alert.state = in.constant(AlertState.class);
    alert.acknowledgedBy = in.optionalText().orElse(null);
    alert.acknowledgedAt = in.optionalInstant().orElse(null);
    alert.deconflictedNote = in.optionalText().orElse(null);
    alert.resolution = in.optionalText().orElse(null);
    alert.resolvedAt = in.optionalInstant().orElse(null);
    return alert;
  }

  private static void writeSubject(Subject s, StateOut out) {
    out.text(s.kind()).text(s.a()).text(s.b()).text(s.partyA()).text(s.partyB());
    out.instant(s.start()).instant(s.end()).optionalClosest(s.closest());
  }

  private static Subject readSubject(StateIn in) {
    String kind = in.text();
    String a = in.text();
    String b = in.text();
    String partyA = in.text();
    String partyB = in.text();
    Instant start = in.instant();
    Instant end = in.instant();
    Optional<ClosestApproach> closest = in.optionalClosest();
    return new Subject(kind, a, b, partyA, partyB, start, end, closest);
  }

  /** Moves one level up; the next deadline, if any. */
  public void escalate(@Nullable Instant nextDeadline) {
    level++;
    deadline = nextDeadline;
  }

  /** The top level missed its deadline too; nothing more escalates. */
  public void markOverdue() {
    overdue = true;
    deadline = null;
  }

  /** Whether even the top level missed its deadline. */
  public boolean overdue() {
    return overdue;
  }

  /** Records the read-back; no more escalation. */
  public void acknowledge(String member, Instant at) {
    state = AlertState.ACKNOWLEDGED;
    acknowledgedBy = member;
    acknowledgedAt = at;
    deadline = null;
  }

  /** Records the recipient's note that the conflict is deconflicted. */
  public void markDeconflicted(String note) {
    deconflictedNote = note;
  }

  /** Closes the alert at {@code at}. */
  public void resolve(String why, Instant at) {
    state = AlertState.RESOLVED;
    resolution = why;
    resolvedAt = at;
    deadline = null;
  }
}
