package io.deconflict.service.hotline;

import static io.deconflict.service.hotline.ParamType.COUNT;
import static io.deconflict.service.hotline.ParamType.MINUTES;
import static io.deconflict.service.hotline.ParamType.PLACE;
import static io.deconflict.service.hotline.ParamType.TIME;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A code of the hotline vocabulary: a stable wire name and the typed parameters it takes.
 *
 * <p>Wire names are kebab-case and never change once used: the journal stores them. The words a
 * reader sees live in {@link Vocabulary}; {@code docs/hotline.md} lists them.
 */
public enum MessageCode {
  /** The message was seen. Never approval or agreement. */
  ACKNOWLEDGE("acknowledge"),
  /** Asks the other party to delay its movement. */
  REQUEST_DELAY("request-delay", new Param("minutes", MINUTES)),
  /** The sender will delay its own movement. */
  WILL_DELAY("will-delay", new Param("minutes", MINUTES)),
  /** The sender will stop and wait at a place until a time. */
  WILL_HOLD_AT("will-hold-at", new Param("place", PLACE), new Param("until", TIME)),
  /** The sender's movement will pass a place at a time. */
  PASSING("passing", new Param("place", PLACE), new Param("time", TIME)),
  /** Asks the other party to stop its movement. */
  REQUEST_STOP("request-stop"),
  /** The sender will stop at a place. */
  WILL_STOP("will-stop", new Param("place", PLACE)),
  /** The sender has stopped at a place. */
  STOPPED("stopped", new Param("place", PLACE)),
  /** The sender is moving again. */
  RESUME_MOVEMENT("resume-movement"),
  /** Asks the other party to change its route. */
  REQUEST_ROUTE_CHANGE("request-route-change"),
  /** The sender is changing its route to pass through a place. */
  CHANGING_ROUTE("changing-route", new Param("via", PLACE)),
  /** Asks for a call on the commanders' line. */
  REQUEST_CONTACT("request-contact"),
  /** The situation is over; no further action is needed. */
  ALL_CLEAR("all-clear"),
  /** The sender cannot do what was asked. */
  UNABLE_TO_COMPLY("unable-to-comply"),
  /** The sender has a medical emergency. */
  EMERGENCY_MEDICAL("emergency-medical"),
  /** The sender is under fire. */
  UNDER_FIRE("under-fire"),
  /** The sender's aircraft operate around a place until a time. */
  AIRCRAFT_IN_AREA("aircraft-in-area", new Param("place", PLACE), new Param("until", TIME)),
  /** The sender announces a humanitarian convoy of some vehicles. */
  CONVOY_HUMANITARIAN("convoy-humanitarian", new Param("vehicles", COUNT)),
  /** Asks the other party to confirm that it is at a place. */
  REQUEST_CONFIRM_LOCATION("request-confirm-location", new Param("place", PLACE)),
  /** The sender confirms that it is at a place. */
  LOCATION_CONFIRMED("location-confirmed", new Param("place", PLACE)),
  /**
   * Proposes that the reader delay its movement by a whole number of minutes the service found free
   * of every stored item (D41); refused when posted otherwise.
   */
  PROPOSE_DELAY("propose-delay", new Param("minutes", MINUTES)),
  /** Proposes that the reader start its movement earlier, as {@link #PROPOSE_DELAY} (D41). */
  PROPOSE_ADVANCE("propose-advance", new Param("minutes", MINUTES)),
  /** The sender will start its own movement earlier (posted when it accepts an advance). */
  WILL_ADVANCE("will-advance", new Param("minutes", MINUTES)),
  /** The sender refuses a proposal. */
  REFUSE_PROPOSAL("refuse-proposal");

  private static final Map<String, MessageCode> BY_WIRE_NAME =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(c -> c.wireName, Function.identity()));

  private final String wireName;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable, of immutable records
  private final List<Param> params;

  MessageCode(String wireName, Param... params) {
    this.wireName = wireName;
    this.params = List.of(params);
  }

  /** The code in JSON and in the journal, such as {@code request-delay}. */
  public String wireName() {
    return wireName;
  }

  /** The parameters, in the order templates and documentation list them; may be empty. */
  public List<Param> params() {
    return params;
  }

  /**
   * The code with wire name {@code wireName}.
   *
   * @throws IllegalArgumentException quoting {@code wireName} and listing the valid codes
   */
  public static MessageCode parse(String wireName) {
    MessageCode code = BY_WIRE_NAME.get(wireName);
    if (code == null) {
      throw new IllegalArgumentException(
          "unknown message code "
              + Quoting.text(wireName)
              + "; valid codes: "
              + Arrays.stream(values()).map(c -> c.wireName).collect(Collectors.joining(", ")));
    }
    return code;
  }

  /** The parameters for an error message: {@code takes minutes (an integer 1..1440)}. */
  String describeParams() {
    if (params.isEmpty()) {
      return wireName + " takes no parameters";
    }
    return wireName
        + " takes "
        + params.stream().map(Param::describe).collect(Collectors.joining(", "));
  }
}
