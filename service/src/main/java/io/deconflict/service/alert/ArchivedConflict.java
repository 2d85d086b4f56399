package io.deconflict.service.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conflict that left memory once its alerts were all resolved and the retention passed, as the
 * journal keeps it: the fact {@value #TYPE}, told to nobody, holding each alert's final state in
 * the snapshot's encoding, under keys ({@link #keys}) that the journal's index finds it by. A
 * resolved alert never changes again, so this is all there is to know of it.
 *
 * @param conflictId the conflict, {@code cf-N}
 * @param resolvedAt when the last of its alerts was resolved
 * @param alerts its alerts, in side order
 */
public record ArchivedConflict(String conflictId, Instant resolvedAt, List<Alert> alerts) {

  /** The type of the journal's fact. */
  public static final String TYPE = "conflict.archived";

  /** Copies the list. */
  public ArchivedConflict {
    alerts = List.copyOf(alerts);
  }

  /** The fact's body: {@code conflictId}, {@code resolvedAt}, {@code alerts[]}. */
  public ObjectNode toJson() {
    ObjectNode body = Json.object();
    body.put("conflictId", conflictId).put("resolvedAt", resolvedAt.toString());
    ArrayNode list = body.putArray("alerts");
    for (Alert a : alerts) {
      StateOut out = new StateOut(512);
      a.writeTo(out);
      list.addObject()
          .put("id", a.id())
          .put("recipient", a.recipient())
          .put("state", Base64.getEncoder().encodeToString(out.toByteArray()));
    }
    return body;
  }

  /**
   * Reads a fact's body.
   *
   * @throws MalformedStateException if it is not what {@link #toJson} writes
   */
  public static ArchivedConflict fromJson(JsonNode body) {
    String conflictId = body.path("conflictId").asText("");
    if (!conflictId.matches("cf-[0-9]{1,18}")) {
      throw new MalformedStateException("an archived conflict's id is \"" + conflictId + "\"");
    }
    Instant resolvedAt;
    try {
      resolvedAt = Instant.parse(body.path("resolvedAt").asText(""));
    } catch (DateTimeParseException e) {
      throw new MalformedStateException("archived conflict " + conflictId + " has no resolvedAt");
    }
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode a : body.path("alerts")) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(a.path("state").asText(""));
      } catch (IllegalArgumentException e) {
        throw new MalformedStateException("archived conflict " + conflictId + ": not base64");
      }
      StateIn in = new StateIn(bytes);
      Alert alert = Alert.readFrom(in);
      if (!in.atEnd() || !alert.conflictId().equals(conflictId)) {
        throw new MalformedStateException(
            "archived conflict " + conflictId + " holds a malformed alert " + alert.id());
      }
      alerts.add(alert);
    }
    if (alerts.isEmpty()) {
      throw new MalformedStateException("archived conflict " + conflictId + " has no alerts");
    }
    return new ArchivedConflict(conflictId, resolvedAt, alerts);
  }

  /** The conflict's parties: its alerts' recipients. */
  public Set<String> parties() {
    Set<String> parties = new TreeSet<>();
    alerts.forEach(a -> parties.add(a.recipient()));
    return parties;
  }

  /**
   * The keys the journal indexes the fact under: the conflict's ({@link #conflictKey}), and each
   * alert's, once by number ({@link #alertKey}) and once by recipient ({@link #recipientKey}).
   */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(1 + 2 * alerts.size());
    keys.add(conflictKey(number(conflictId)));
    for (Alert a : alerts) {
      keys.add(alertKey(number(a.id())));
      keys.add(recipientKey(a.recipient(), number(a.id())));
    }
    return keys;
  }

  /** {@code cf/} and the conflict's number in 19 digits. */
  public static String conflictKey(long number) {
    return "cf/" + digits(number);
  }

  /** {@code al/} and the alert's number in 19 digits. */
  public static String alertKey(long number) {
    return "al/" + digits(number);
  }

  /** The prefix of {@link #alertKey}: every archived alert, in raise order. */
  public static final String ALERTS = "al/";

  /** {@code al@party/} and the alert's number in 19 digits. */
  public static String recipientKey(String recipient, long number) {
    return recipientPrefix(recipient) + digits(number);
  }

  /** The prefix of {@link #recipientKey}: a party's archived alerts, in raise order. */
  public static String recipientPrefix(String recipient) {
    return "al@" + recipient + "/";
  }

  /** The number in an id such as {@code al-17} or {@code cf-9}, or -1 if it has none. */
  public static long number(String id) {
    int dash = id.indexOf('-');
    String digits = dash < 0 ? "" : id.substring(dash + 1);
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }

  private static String digits(long number) {
    return String.format(Locale.ROOT, "%019d", number);
  }
}
